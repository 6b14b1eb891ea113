using Nlce.Models;

namespace Nlce.Training.Ablation;

/// <summary>The paper's three training phases of the ablation study (NLCEN paper, "Ablation Studies", Fig. 7).</summary>
public enum AblationPhase
{
    /// <summary>Step 1: the w/o-NLCE network is trained from scratch.</summary>
    FromScratch = 1,

    /// <summary>Step 2: w/o NL, w/o CE and NLCEN are fine-tuned from the w/o-NLCE weights with the shared layers frozen.</summary>
    FrozenFineTuning = 2,

    /// <summary>Step 3: NLCEN is fine-tuned further with nothing frozen ("fine-tuned NLCEN").</summary>
    FullFineTuning = 3,
}

/// <summary>
/// One training run of the ablation protocol, which yields one of the five models of Fig. 7 (NLCEN paper, "Ablation
/// Studies"): which variant it trains, in which phase, and whose weights it starts from.
/// </summary>
/// <param name="Name">Stable identifier, also the name of the step's checkpoint folder under the protocol's root.</param>
/// <param name="Label">The model's label in Fig. 7 ("w/o NLCE", "w/o NL", "w/o CE", "NLCEN", "fine-tuned NLCEN").</param>
/// <param name="Phase">The paper's step the run belongs to; it decides the options (<see cref="AblationOptions.For"/>) and what is frozen.</param>
/// <param name="Variant">The NLCEN variant trained.</param>
/// <param name="StartsFrom">The step whose trained weights initialise this one; null for training from scratch. A source of another
/// variant gives only the shared layers (<see cref="Models.Nlcen.LoadSharedWeights(Models.Nlcen)"/>); a source of the same variant gives every weight.</param>
public sealed record AblationStep(string Name, string Label, AblationPhase Phase, NlcenVariant Variant, AblationStep? StartsFrom)
{
    /// <summary>Step 1: w/o NLCE from scratch.</summary>
    public static AblationStep WithoutNlce { get; } = new("1-without-nlce", "w/o NLCE", AblationPhase.FromScratch, NlcenVariant.WithoutNlce, null);

    /// <summary>Step 2: w/o NL fine-tuned from w/o NLCE with the shared layers frozen.</summary>
    public static AblationStep WithoutNonLocal { get; } =
        new("2-without-nl", "w/o NL", AblationPhase.FrozenFineTuning, NlcenVariant.WithoutNonLocal, WithoutNlce);

    /// <summary>Step 2: w/o CE fine-tuned from w/o NLCE with the shared layers frozen.</summary>
    public static AblationStep WithoutContextEncoding { get; } =
        new("2-without-ce", "w/o CE", AblationPhase.FrozenFineTuning, NlcenVariant.WithoutContextEncoding, WithoutNlce);

    /// <summary>Step 2: NLCEN fine-tuned from w/o NLCE with the shared layers frozen (only its NLCE modules train).</summary>
    public static AblationStep Nlcen { get; } = new("2-nlcen", "NLCEN", AblationPhase.FrozenFineTuning, NlcenVariant.Full, WithoutNlce);

    /// <summary>Step 3: NLCEN fine-tuned from step 2's NLCEN with nothing frozen.</summary>
    public static AblationStep FineTunedNlcen { get; } =
        new("3-fine-tuned-nlcen", "fine-tuned NLCEN", AblationPhase.FullFineTuning, NlcenVariant.Full, Nlcen);

    /// <summary>The five steps in the order the protocol runs them (every step after the one it starts from).</summary>
    public static IReadOnlyList<AblationStep> All { get; } = [WithoutNlce, WithoutNonLocal, WithoutContextEncoding, Nlcen, FineTunedNlcen];

    /// <summary>Whether the layers shared with the w/o-NLCE network stay frozen while this step trains.</summary>
    public bool FreezesSharedLayers => Phase == AblationPhase.FrozenFineTuning;

    /// <summary>The step called <paramref name="name"/> (its <see cref="Name"/> or its <see cref="Label"/>, case-insensitive).</summary>
    /// <exception cref="ArgumentException">No step has that name; the message lists them.</exception>
    public static AblationStep Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string wanted = name.Trim();
        return All.FirstOrDefault(step => string.Equals(step.Name, wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(step.Label, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown ablation step '{name}'.{NameSuggestions.DidYouMean(wanted.ToLowerInvariant(), All.Select(s => s.Name))} " +
                $"Steps: {string.Join(", ", All.Select(s => $"{s.Name} ({s.Label})"))}.", nameof(name));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Label} ({Name})";
}
