using Microsoft.Data.Analysis;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using static Nlce.Workbench.TableParts;

namespace Nlce.Workbench;

/// <summary>
/// The robustness notebooks' tables as <see cref="DataFrame"/>s (NLCEN paper, Evaluation Metrics; Fig. 4–8): curves, drops from
/// clean with their bootstrap intervals, paired Wilcoxon comparisons between models, and the measured perturbation sizes.
/// Scores and sizes are rounded to four decimals; p-values are not rounded.
/// </summary>
public static class RobustnessTables
{
    /// <summary>One row per model and ε: images, mean DIC and JSC (ε = 0 is clean).</summary>
    public static DataFrame Curves(IEnumerable<ResultSummary> curves)
    {
        var list = Require(curves, nameof(curves));
        return new DataFrame(
            new StringDataFrameColumn("model", list.Select(c => c.Model)),
            Column("ε", list.Select(c => c.Epsilon)),
            new Int32DataFrameColumn("images", list.Select(c => c.Images)),
            Column("DIC", list.Select(c => c.MeanDice)),
            Column("JSC", list.Select(c => c.MeanJaccard)));
    }

    /// <summary>One row per model and ε: the mean drop clean − attacked, its bootstrap interval, the images paired and any left out.</summary>
    public static DataFrame Drops(IEnumerable<ScoreDrop> drops)
    {
        var list = Require(drops, nameof(drops));
        return new DataFrame(
            new StringDataFrameColumn("model", list.Select(d => d.Model)),
            Column("ε", list.Select(d => d.Epsilon)),
            new StringDataFrameColumn("metric", list.Select(d => MetricName(d.Metric))),
            new Int32DataFrameColumn("images", list.Select(d => d.Images)),
            Column("drop", list.Select(d => d.Drop.Mean)),
            Column("interval low", list.Select(d => d.Drop.Lower)),
            Column("interval high", list.Select(d => d.Drop.Upper)),
            Column("level", list.Select(d => d.Drop.Level)),
            new Int32DataFrameColumn("unpaired images", list.Select(d => d.Unpaired.Count)));
    }

    /// <summary>
    /// One row per comparison: the two models, the attack and ε, the pairs, the mean difference first − second, W⁺, W⁻, the
    /// two-sided p-value and its method, and which model is better at <paramref name="alpha"/> ("no difference" when the test
    /// does not reject equality).
    /// </summary>
    public static DataFrame Comparisons(IEnumerable<ModelComparison> comparisons, double alpha = 0.05)
    {
        var list = Require(comparisons, nameof(comparisons));
        return new DataFrame(
            new StringDataFrameColumn("first", list.Select(c => c.First)),
            new StringDataFrameColumn("second", list.Select(c => c.Second)),
            new StringDataFrameColumn("attack", list.Select(c => c.Attack)),
            Column("ε", list.Select(c => c.Epsilon)),
            new StringDataFrameColumn("metric", list.Select(c => MetricName(c.Result.Metric))),
            new Int32DataFrameColumn("pairs", list.Select(c => c.Result.Pairs.Count)),
            Column("mean first − second", list.Select(c => c.Result.MeanDifference)),
            new DoubleDataFrameColumn("W⁺", list.Select(c => c.Result.Test.PositiveRankSum)),
            new DoubleDataFrameColumn("W⁻", list.Select(c => c.Result.Test.NegativeRankSum)),
            new DoubleDataFrameColumn("p", list.Select(c => c.Result.Test.PValue)),
            new StringDataFrameColumn("test", list.Select(c => c.Result.Test.Method.ToString().ToLowerInvariant())),
            new StringDataFrameColumn($"better (α = {alpha})", list.Select(c => c.BetterAt(alpha) ?? "no difference")));
    }

    /// <summary>
    /// One row per model, attack and ε of the attacked <paramref name="rows"/> (clean rows are skipped): images, mean and largest
    /// measured L∞, mean and largest L2 of the perturbations, intensity units (0–255 scale).
    /// </summary>
    /// <exception cref="ArgumentException">No attacked rows, or an attacked row without its measured sizes.</exception>
    public static DataFrame PerturbationSizes(IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var attacked = rows.Where(r => r.Key.Attack != ResultKey.CleanAttack).ToList();
        if (attacked.Count == 0)
            throw new ArgumentException("no attacked rows for the table; expected at least one.", nameof(rows));
        var missing = attacked.FirstOrDefault(r => r.PerturbationLinf is null || r.PerturbationL2 is null);
        if (missing is not null)
            throw new ArgumentException($"row {missing.Key} has no measured perturbation size; expected L∞ and L2 on every attacked row.", nameof(rows));
        var groups = attacked.GroupBy(r => (r.Key.Model, r.Key.Attack, r.Key.Epsilon)).ToList();
        return new DataFrame(
            new StringDataFrameColumn("model", groups.Select(g => g.Key.Model)),
            new StringDataFrameColumn("attack", groups.Select(g => g.Key.Attack)),
            Column("ε", groups.Select(g => g.Key.Epsilon)),
            new Int32DataFrameColumn("images", groups.Select(g => g.Count())),
            Column("L∞ mean", groups.Select(g => g.Average(r => r.PerturbationLinf!.Value))),
            Column("L∞ max", groups.Select(g => g.Max(r => r.PerturbationLinf!.Value))),
            Column("L2 mean", groups.Select(g => g.Average(r => r.PerturbationL2!.Value))),
            Column("L2 max", groups.Select(g => g.Max(r => r.PerturbationL2!.Value))));
    }

    private static string MetricName(ScoreMetric metric) => metric == ScoreMetric.Dice ? "DIC" : "JSC";

}
