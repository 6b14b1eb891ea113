using Nlce.Charts;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Workbench;

namespace Nlce.Tests.Workbench;

public sealed class StudyResultsTests
{
    private const string Attack = "targeted-ifgsm";
    private static readonly double[] Clean = [0.90, 0.92, 0.88, 0.91, 0.89, 0.93, 0.90, 0.87];

    private static StoreRows TwoModels()
    {
        var rows = new StoreRows();
        rows.Add("nlcen", ResultKey.CleanAttack, 0, Clean).Add("unet", ResultKey.CleanAttack, 0, Clean);
        rows.Add("nlcen", Attack, 8, [.. Clean.Select(d => d - 0.05)]).Add("unet", Attack, 8, [.. Clean.Select((d, i) => d - 0.30 - 0.01 * i)]);
        rows.Add("nlcen", Attack, 16, [.. Clean.Select(d => d - 0.10)]).Add("unet", Attack, 16, [.. Clean.Select(d => d - 0.50)]);
        rows.Add("other", Attack, 8, 0.1);
        return rows;
    }

    [Fact]
    public void Curves_hold_the_clean_point_then_each_epsilon_in_model_order()
    {
        using var rows = TwoModels();
        var curves = StudyResults.Curves(rows.Store, ["unet", "nlcen"], Attack, [8, 16]);
        Assert.Equal([("unet", 0.0), ("unet", 8.0), ("unet", 16.0), ("nlcen", 0.0), ("nlcen", 8.0), ("nlcen", 16.0)],
            curves.Select(c => (c.Model, c.Epsilon)));
        Assert.Equal(Clean.Average() - 0.10, curves[5].MeanDice, 12);
        Assert.Equal(8, curves[5].Images);
    }

    [Theory]
    [InlineData("missing", 8.0)]
    [InlineData("nlcen", 4.0)]
    public void Curves_refuse_a_model_or_epsilon_the_sweep_has_not_covered(string model, double epsilon)
    {
        using var rows = TwoModels();
        var error = Assert.Throws<ArgumentException>(() => StudyResults.Curves(rows.Store, [model], Attack, [epsilon]));
        Assert.Contains(model, error.Message);
    }

    [Fact]
    public void Drops_are_clean_minus_attacked_with_an_interval_around_them()
    {
        using var rows = TwoModels();
        var drops = StudyResults.Drops(rows.Store, ["nlcen"], Attack, [16], ScoreMetric.Dice, seed: 0);
        var drop = Assert.Single(drops);
        Assert.Equal(16, drop.Epsilon);
        Assert.Equal(0.10, drop.Drop.Mean, 9);
        Assert.InRange(drop.Drop.Lower, 0.0999, 0.1001);
        Assert.Equal(8, drop.Images);
    }

    [Fact]
    public void Comparisons_name_the_better_model_when_the_test_rejects_equality()
    {
        using var rows = TwoModels();
        var comparisons = StudyResults.Compare(rows.Store, [("nlcen", "unet")], Attack, [8, 16], ScoreMetric.Dice, seed: 0);
        Assert.Equal([0.0, 8.0, 16.0], comparisons.Select(c => c.Epsilon));
        Assert.Null(comparisons[0].BetterAt(0.05));
        Assert.Equal(ResultKey.CleanAttack, comparisons[0].Attack);
        Assert.Equal("nlcen", comparisons[1].BetterAt(0.05));
        Assert.Equal(2.0 / 256, comparisons[1].Result.Test.PValue, 12);
        Assert.Null(comparisons[1].BetterAt(0.001));
        Assert.True(comparisons[2].Result.MeanDifference > 0.39);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_significance_level_outside_zero_one_is_refused(double alpha)
    {
        using var rows = TwoModels();
        var comparison = StudyResults.Compare(rows.Store, [("nlcen", "unet")], Attack, [8], ScoreMetric.Dice, seed: 0)[1];
        Assert.Throws<ArgumentOutOfRangeException>(() => comparison.BetterAt(alpha));
    }

    [Fact]
    public void Generalization_points_split_the_nlce_suffix_off()
    {
        var curves = new[]
        {
            new ResultSummary("unet+nlce", Attack, 8, ResultKey.NoDefense, 4, 0.8, 0.6),
            new ResultSummary("unet", Attack, 8, ResultKey.NoDefense, 4, 0.5, 0.3),
        };
        var points = StudyResults.GeneralizationPoints(curves, SegmentationMetric.Jaccard);
        Assert.Equal([("unet", true, 0.6), ("unet", false, 0.3)], points.Select(p => (p.Baseline, p.WithNlce, p.Score)));
    }
}
