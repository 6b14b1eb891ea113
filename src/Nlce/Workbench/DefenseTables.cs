using Microsoft.Data.Analysis;
using Nlce.Evaluation.Reproduction;

namespace Nlce.Workbench;

/// <summary>Notebook 08's tables of a <see cref="DefenseReproductionResult"/> (issue 5): Wilcoxon comparisons, efficiency and benign cost,
/// gradient-masking flags.</summary>
public static class DefenseTables
{
    /// <summary>Each defense vs undefended (two-sided Wilcoxon signed-rank on paired per-image DIC, seed 002) under
    /// <paramref name="attack"/>; every attack when null.</summary>
    public static DataFrame Wilcoxon(DefenseReproductionResult result, string? attack = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Comparisons.Where(c => attack is null || c.Attack == attack).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("defense", rows.Select(r => r.Defense)),
            new StringDataFrameColumn("attack", rows.Select(r => r.Attack)),
            new DoubleDataFrameColumn("ε", rows.Select(r => r.Epsilon)),
            new Int32DataFrameColumn("n", rows.Select(r => r.Images)),
            new DoubleDataFrameColumn("mean ΔDIC (defended − undefended)", rows.Select(r => Math.Round(r.MeanDifference, 4))),
            new DoubleDataFrameColumn("p", rows.Select(r => Math.Round(r.PValue, 4))));
    }

    /// <summary>Defense efficiency (defended adversarial / defended clean DIC) and benign cost (undefended − defended clean DIC, seed 003)
    /// at ε = <paramref name="epsilon"/>.</summary>
    public static DataFrame Efficiency(DefenseReproductionResult result, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Efficiency.Where(e => e.Epsilon == epsilon).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("defense", rows.Select(r => r.Defense)),
            new StringDataFrameColumn("attack", rows.Select(r => r.Attack)),
            new DoubleDataFrameColumn("clean DIC", rows.Select(r => Math.Round(r.DefendedCleanDice, 4))),
            new DoubleDataFrameColumn("adversarial DIC", rows.Select(r => Math.Round(r.DefendedAdversarialDice, 4))),
            new DoubleDataFrameColumn("efficiency", rows.Select(r => Math.Round(r.Efficiency, 4))),
            new DoubleDataFrameColumn("benign cost", rows.Select(r => Math.Round(r.BenignCost, 4))));
    }

    /// <summary>The gradient-masking flags, one row each (model, defense key, check, attack, ε, finding); one "no flags" row when clean.</summary>
    public static DataFrame MaskingFlags(DefenseReproductionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var flags = result.Flags;
        return new DataFrame(
            new StringDataFrameColumn("model", flags.Count == 0 ? ["–"] : flags.Select(f => f.Model)),
            new StringDataFrameColumn("defense", flags.Count == 0 ? ["–"] : flags.Select(f => f.Defense)),
            new StringDataFrameColumn("check", flags.Count == 0 ? ["–"] : flags.Select(f => Evaluation.Defenses.GradientMaskingFlag.CheckName(f.Check))),
            new StringDataFrameColumn("finding", result.FlagSentences));
    }
}
