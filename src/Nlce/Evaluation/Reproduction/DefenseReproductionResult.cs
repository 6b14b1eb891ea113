using Nlce.Evaluation.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Training.Defenses;

namespace Nlce.Evaluation.Reproduction;

/// <summary>One evaluated setting of <c>nlce reproduce defenses</c>: which model's rows under which defense key of the store.</summary>
/// <param name="Label">How reports name it: <c>undefended</c>, <c>sat</c>, <c>amat</c>, <c>distill</c>, <c>fr</c> (attack ignores FR),
/// <c>fr+bpda</c>, <c>jpeg-q75</c>, <c>jpeg-q75+bpda</c>, or <c>sat+transfer:nlcen-r18</c> for a transfer attack.</param>
/// <param name="Model">The model name of its result keys (the undefended model, or <c>model-sat</c> and so on).</param>
/// <param name="DefenseKey">The defense of its result keys.</param>
/// <param name="IsTransfer">Whether the attacks were crafted on the undefended twin (a gradient-masking check, not a curve).</param>
public sealed record DefenseCondition(string Label, string Model, string DefenseKey, bool IsTransfer);

/// <summary>One defense compared with the undefended model on the same images (issue 5: "the Wilcoxon tables (each defense vs
/// undefended at each ε)"; seed 002's two-sided signed-rank test on paired per-image DIC).</summary>
/// <param name="Defense">The condition's label.</param>
/// <param name="Attack">The attack.</param>
/// <param name="Epsilon">ε, intensity units (0 compares clean scores).</param>
/// <param name="Images">Images paired by (seed, image).</param>
/// <param name="MeanDifference">Mean of defended − undefended DIC.</param>
/// <param name="PValue">Two-sided p-value.</param>
public sealed record DefenseComparison(string Defense, string Attack, double Epsilon, int Images, double MeanDifference, double PValue);

/// <summary>A point of a defense curve: mean DIC of one condition under one attack at one ε (0 = clean) with a 95% bootstrap band.</summary>
/// <param name="Defense">The condition's label.</param>
/// <param name="Attack">The attack.</param>
/// <param name="Epsilon">ε, intensity units; 0 for the clean images.</param>
/// <param name="Images">Images averaged.</param>
/// <param name="MeanDice">Mean DIC.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
public sealed record DefenseCurvePoint(string Defense, string Attack, double Epsilon, int Images, double MeanDice, double Lower, double Upper);

/// <summary>What <see cref="DefenseReproduction.Run"/> produced.</summary>
/// <param name="Conditions">Every evaluated setting.</param>
/// <param name="Curves">Mean DIC per condition, attack and ε (transfer conditions excluded).</param>
/// <param name="Comparisons">Each defense vs the undefended model at each attack and ε.</param>
/// <param name="Efficiency">Defense efficiency and benign cost per defense, attack and ε (benign cost against the undefended model's
/// clean DIC, also for the trained defenses).</param>
/// <param name="Flags">Gradient-masking flags of every model and white-box defense key.</param>
/// <param name="AmatMargins">AMAT's margin statistics per training epoch.</param>
/// <param name="AmatThreshold">τ of AMAT: the undefended model's mean training DIC.</param>
/// <param name="Computed">Results computed by this run's sweeps.</param>
/// <param name="AlreadyStored">Results found in the store and reused.</param>
/// <param name="Files">Every file written.</param>
/// <param name="StageSeconds">Wall time per stage and model.</param>
/// <param name="Reduced">True when the profile is not the paper's setting.</param>
/// <param name="Note">The sentence every output carries: reduced or paper setting, with the sizes.</param>
public sealed record DefenseReproductionResult(
    IReadOnlyList<DefenseCondition> Conditions,
    IReadOnlyList<DefenseCurvePoint> Curves,
    IReadOnlyList<DefenseComparison> Comparisons,
    IReadOnlyList<DefenseEfficiency> Efficiency,
    IReadOnlyList<GradientMaskingFlag> Flags,
    IReadOnlyList<MarginEpochSummary> AmatMargins,
    double AmatThreshold,
    int Computed,
    int AlreadyStored,
    IReadOnlyList<string> Files,
    IReadOnlyDictionary<string, double> StageSeconds,
    bool Reduced,
    string Note)
{
    /// <summary>The flags as plain sentences, or the single line "no flags".</summary>
    public IReadOnlyList<string> FlagSentences => Flags.Count == 0
        ? ["no flags: every checked curve falls with ε, more iterations never helped less, and no transfer attack beat the white-box one."]
        : Flags.Select(f => $"{f.Model} [{f.Defense}]: {f.Sentence}").ToArray();
}
