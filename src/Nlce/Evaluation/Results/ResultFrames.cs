using Microsoft.Data.Analysis;
using Nlce.Evaluation.Sweep;

namespace Nlce.Evaluation.Results;

/// <summary>
/// Tidy tables (one observation per row, one variable per column) of what a <see cref="ResultsStore"/> holds, as
/// Microsoft.Data.Analysis <see cref="DataFrame"/>s for notebooks and further analysis: per-image scores (the input of the
/// paired statistics), mean DIC/JSC per model × ε (the curves of Fig. 4/5), and the drops and paired comparisons of
/// <see cref="SweepStatistics"/>.
/// </summary>
public static class ResultFrames
{
    /// <summary>One row per stored result: model, attack, defense, ε, seed, image, dice, jaccard, linf, l2 (null when not measured).</summary>
    public static DataFrame Of(IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        return new DataFrame(
            new StringDataFrameColumn("model", list.Select(r => r.Key.Model)),
            new StringDataFrameColumn("attack", list.Select(r => r.Key.Attack)),
            new StringDataFrameColumn("defense", list.Select(r => r.Key.Defense)),
            new DoubleDataFrameColumn("epsilon", list.Select(r => r.Key.Epsilon)),
            new Int32DataFrameColumn("seed", list.Select(r => r.Key.Seed)),
            new StringDataFrameColumn("image", list.Select(r => r.Key.Image)),
            new DoubleDataFrameColumn("dice", list.Select(r => r.Dice)),
            new DoubleDataFrameColumn("jaccard", list.Select(r => r.Jaccard)),
            new DoubleDataFrameColumn("linf", list.Select(r => r.PerturbationLinf)),
            new DoubleDataFrameColumn("l2", list.Select(r => r.PerturbationL2)));
    }

    /// <summary>One row per model × attack × defense × ε: images, mean dice, mean jaccard.</summary>
    public static DataFrame Of(IEnumerable<ResultSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var list = summaries.ToList();
        return new DataFrame(
            new StringDataFrameColumn("model", list.Select(s => s.Model)),
            new StringDataFrameColumn("attack", list.Select(s => s.Attack)),
            new StringDataFrameColumn("defense", list.Select(s => s.Defense)),
            new DoubleDataFrameColumn("epsilon", list.Select(s => s.Epsilon)),
            new Int32DataFrameColumn("images", list.Select(s => s.Images)),
            new DoubleDataFrameColumn("mean_dice", list.Select(s => s.MeanDice)),
            new DoubleDataFrameColumn("mean_jaccard", list.Select(s => s.MeanJaccard)));
    }

    /// <summary>One row per ε: the mean drop from clean with its bootstrap 95 % interval (<see cref="SweepStatistics.DropFromClean"/>).</summary>
    public static DataFrame Of(IEnumerable<ScoreDrop> drops)
    {
        ArgumentNullException.ThrowIfNull(drops);
        var list = drops.ToList();
        return new DataFrame(
            new StringDataFrameColumn("model", list.Select(d => d.Model)),
            new StringDataFrameColumn("attack", list.Select(d => d.Attack)),
            new DoubleDataFrameColumn("epsilon", list.Select(d => d.Epsilon)),
            new StringDataFrameColumn("metric", list.Select(d => d.Metric.ToString())),
            new Int32DataFrameColumn("images", list.Select(d => d.Images)),
            new DoubleDataFrameColumn("mean_drop", list.Select(d => d.Drop.Mean)),
            new DoubleDataFrameColumn("ci_low", list.Select(d => d.Drop.Lower)),
            new DoubleDataFrameColumn("ci_high", list.Select(d => d.Drop.Upper)));
    }

    /// <summary>One row per paired comparison: the two conditions, metric, pairs, mean first − second, Wilcoxon W and two-sided p.</summary>
    public static DataFrame Of(IEnumerable<PairedComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var list = comparisons.ToList();
        return new DataFrame(
            new StringDataFrameColumn("first", list.Select(c => c.First)),
            new StringDataFrameColumn("second", list.Select(c => c.Second)),
            new StringDataFrameColumn("metric", list.Select(c => c.Metric.ToString())),
            new Int32DataFrameColumn("pairs", list.Select(c => c.Pairs.Count)),
            new DoubleDataFrameColumn("mean_difference", list.Select(c => c.Pairs.Count == 0 ? double.NaN : c.MeanDifference)),
            new DoubleDataFrameColumn("w", list.Select(c => c.Test.Statistic)),
            new DoubleDataFrameColumn("p_value", list.Select(c => c.Test.PValue)));
    }
}
