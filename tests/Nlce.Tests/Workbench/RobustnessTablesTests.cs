using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Workbench;

namespace Nlce.Tests.Workbench;

public sealed class RobustnessTablesTests
{
    [Fact]
    public void The_comparison_table_names_the_better_model_or_no_difference()
    {
        using var rows = new StoreRows();
        double[] high = [0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97];
        rows.Add("a", "targeted-ifgsm", 8, high).Add("b", "targeted-ifgsm", 8, [.. high.Select(d => d - 0.2)]);
        rows.Add("a", ResultKey.CleanAttack, 0, high).Add("b", ResultKey.CleanAttack, 0, high);
        var table = RobustnessTables.Comparisons(StudyResults.Compare(rows.Store, [("a", "b")], "targeted-ifgsm", [8], ScoreMetric.Dice, 0));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("no difference", table["better (α = 0.05)"][0]);
        Assert.Equal("a", table["better (α = 0.05)"][1]);
        Assert.Equal(0.2, (double)table["mean first − second"][1]!, 4);
        Assert.Equal(36.0, (double)table["W⁺"][1]!);
    }

    [Fact]
    public void Perturbation_sizes_skip_clean_rows_and_summarise_each_attack_and_epsilon()
    {
        using var rows = new StoreRows();
        rows.Add("a", ResultKey.CleanAttack, 0, 0.9, 0.8).Add("a", "asma-20it", 4, 0.5, 0.4).Add("a", "asma-20it", 8, 0.3, 0.2);
        var table = RobustnessTables.PerturbationSizes(rows.Store.Rows());
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["asma-20it", "asma-20it"], table["attack"].Cast<string>());
        Assert.Equal([40.0, 80.0], table["L2 max"].Cast<double>());
        Assert.Equal([4.0, 8.0], table["L∞ mean"].Cast<double>());
    }

    [Fact]
    public void Attacked_rows_without_sizes_and_empty_inputs_are_refused()
    {
        var unmeasured = new ResultRow(new ResultKey("a", "pgd", 8, ResultKey.NoDefense, 0, "x"), 0.5, 0.4);
        Assert.Contains("no measured perturbation size", Assert.Throws<ArgumentException>(() => RobustnessTables.PerturbationSizes([unmeasured])).Message);
        Assert.Throws<ArgumentException>(() => RobustnessTables.PerturbationSizes([]));
        Assert.Throws<ArgumentException>(() => RobustnessTables.Curves([]));
        Assert.Throws<ArgumentException>(() => RobustnessTables.Drops([]));
        Assert.Throws<ArgumentException>(() => RobustnessTables.Comparisons([]));
    }

    [Fact]
    public void The_drop_table_rounds_to_four_decimals_and_keeps_the_interval()
    {
        using var rows = new StoreRows();
        rows.Add("a", ResultKey.CleanAttack, 0, 0.9, 0.8, 0.85).Add("a", "targeted-ifgsm", 4, 0.812345, 0.7, 0.8);
        var table = RobustnessTables.Drops(StudyResults.Drops(rows.Store, ["a"], "targeted-ifgsm", [4], ScoreMetric.Dice, 0));
        var drop = (double)table["drop"][0]!;
        Assert.Equal(Math.Round((0.9 - 0.812345 + 0.1 + 0.05) / 3, 4), drop);
        Assert.True((double)table["interval low"][0]! <= drop && drop <= (double)table["interval high"][0]!);
        Assert.Equal("DIC", table["metric"][0]);
    }
}
