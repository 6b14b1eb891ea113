using Microsoft.Data.Analysis;
using Nlce.Evaluation;
using static Nlce.Workbench.TableParts;

namespace Nlce.Workbench;

/// <summary>
/// The notebooks' result tables as <see cref="DataFrame"/>s (shown as HTML tables by <c>Nlce.Charts.NotebookFormatters</c>):
/// DIC (NLCEN eq. 7) and JSC (eq. 8) rounded to four decimals.
/// </summary>
public static class ScoreTables
{
    /// <summary>Clean test scores, one row per model: images, mean and standard deviation of the per-image DIC and JSC.</summary>
    public static DataFrame Clean(IEnumerable<(string Model, OverlapScores Scores)> rows)
    {
        var list = Require(rows, nameof(rows));
        return new DataFrame(
            new StringDataFrameColumn("model", list.Select(r => r.Model)),
            new Int32DataFrameColumn("images", list.Select(r => r.Scores.Dice.Length)),
            Column("DIC", list.Select(r => r.Scores.MeanDice)),
            Column("DIC sd", list.Select(r => StandardDeviation(r.Scores.Dice))),
            Column("JSC", list.Select(r => r.Scores.MeanJaccard)),
            Column("JSC sd", list.Select(r => StandardDeviation(r.Scores.Jaccard))));
    }

    /// <summary>One row per attacked image: model, ε, iterations, measured L∞, DIC and JSC clean and adversarial, and the DIC drop.</summary>
    public static DataFrame Attacks(IEnumerable<AttackedImage> rows)
    {
        var list = Require(rows, nameof(rows));
        return new DataFrame(
            new StringDataFrameColumn("model", list.Select(r => r.Model)),
            Column("ε", list.Select(r => r.Epsilon)),
            new Int32DataFrameColumn("iterations", list.Select(r => r.Iterations)),
            Column("L∞ (measured)", list.Select(r => r.LinfIntensity)),
            Column("DIC clean", list.Select(r => r.CleanDice)),
            Column("DIC adversarial", list.Select(r => r.AdversarialDice)),
            Column("DIC drop", list.Select(r => r.DiceDrop)),
            Column("JSC clean", list.Select(r => r.CleanJaccard)),
            Column("JSC adversarial", list.Select(r => r.AdversarialJaccard)));
    }

    /// <summary>The sample standard deviation (n − 1); 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
            return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

}
