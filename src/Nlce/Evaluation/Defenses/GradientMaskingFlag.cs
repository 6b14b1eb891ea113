using System.Globalization;

namespace Nlce.Evaluation.Defenses;

/// <summary>The three gradient-masking checks of issue 5 (after Athalye, Carlini and Wagner, ICML 2018, §3.1 "identifying obfuscated
/// gradients" and Carlini et al. 2019, "On Evaluating Adversarial Robustness", §4).</summary>
public enum GradientMaskingCheck
{
    /// <summary>A larger ε did less damage: mean DIC rose from a smaller ε (or the clean score) to a larger one.</summary>
    EpsilonNotMonotone,

    /// <summary>The many-iteration twin of an attack did less damage than the attack itself at the same ε.</summary>
    IterationsDoNotHelp,

    /// <summary>A black-box transfer attack from an undefended twin did more damage than the white-box attack at the same ε.</summary>
    TransferBeatsWhiteBox,
}

/// <summary>One violated check: which model and defense, which attack at which ε, the two mean DICs compared and a sentence for
/// people.</summary>
/// <param name="Model">The model of the rows.</param>
/// <param name="Defense">The defense key of the rows.</param>
/// <param name="Check">The violated check.</param>
/// <param name="Attack">The attack whose rows were compared (for <see cref="GradientMaskingCheck.IterationsDoNotHelp"/>, the longer twin).</param>
/// <param name="Epsilon">The ε of the observation.</param>
/// <param name="Reference">What it was compared with, e.g. <c>ε = 2</c>, <c>pgd</c> or <c>transfer:unet</c>.</param>
/// <param name="ReferenceDice">Mean DIC of the reference condition.</param>
/// <param name="ObservedDice">Mean DIC of the observation.</param>
/// <param name="Sentence">What the flag means, in words.</param>
public sealed record GradientMaskingFlag(string Model, string Defense, GradientMaskingCheck Check, string Attack, double Epsilon,
    string Reference, double ReferenceDice, double ObservedDice, string Sentence)
{
    /// <summary>Column headings of <see cref="Cells"/>, for console tables.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["model", "defense", "check", "attack", "ε", "reference", "reference DIC", "DIC", "finding"];

    /// <summary>The flag as table cells (invariant culture, DIC to three decimals), in <see cref="Columns"/> order.</summary>
    public IReadOnlyList<string> Cells() =>
    [
        Model, Defense, CheckName(Check), Attack, Epsilon.ToString("R", CultureInfo.InvariantCulture), Reference,
        ReferenceDice.ToString("F3", CultureInfo.InvariantCulture), ObservedDice.ToString("F3", CultureInfo.InvariantCulture), Sentence,
    ];

    /// <summary>The check's short name as CSV files and tables write it: <c>epsilon-not-monotone</c>, <c>iterations-do-not-help</c>,
    /// <c>transfer-beats-white-box</c>.</summary>
    public static string CheckName(GradientMaskingCheck check) => check switch
    {
        GradientMaskingCheck.EpsilonNotMonotone => "epsilon-not-monotone",
        GradientMaskingCheck.IterationsDoNotHelp => "iterations-do-not-help",
        GradientMaskingCheck.TransferBeatsWhiteBox => "transfer-beats-white-box",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };
}
