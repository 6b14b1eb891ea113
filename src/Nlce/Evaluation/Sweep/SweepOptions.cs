using System.Collections.Immutable;
using Nlce.Attacks;
using Nlce.Defenses;
using Nlce.Evaluation.Results;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// What a <see cref="RobustnessSweep"/> computes besides the models and images: the attacks (by <see cref="AttackRegistry"/>
/// name), the ε list, whether clean scores are included, the defense label and seed of the result keys, and the starting batch
/// size. Defaults reproduce the NLCEN paper's protocol (Comparison with the State of the Art, Fig. 4/5): targeted I-FGSM at every
/// ε of <see cref="TargetedIfgsm.PaperEpsilons"/>, plus the clean scores. Every value is checked by <see cref="Validate"/>.
/// </summary>
public sealed record SweepOptions
{
    /// <summary>Attack names, each registered in the sweep's <see cref="AttackRegistry"/>, without repeats; default the paper's
    /// <c>targeted-ifgsm</c>.</summary>
    public IReadOnlyList<string> Attacks { get; init; } = ImmutableArray.Create("targeted-ifgsm");

    /// <summary>Attack strengths ε in intensity units (0–255 scale), each finite and &gt; 0, without repeats; default the paper's 18
    /// values. Clean scores are ε = 0 under attack <see cref="ResultKey.CleanAttack"/>.</summary>
    public IReadOnlyList<double> Epsilons { get; init; } = TargetedIfgsm.PaperEpsilons;

    /// <summary>Whether the clean (unattacked) score of every image is stored too; default true (the drop from clean is the
    /// paper's robustness measure, Evaluation Metrics section).</summary>
    public bool IncludeClean { get; init; } = true;

    /// <summary>The defense label of the result keys: what the given models embody (e.g. an adversarially trained checkpoint, or a
    /// model wrapped in an input transform); default <see cref="ResultKey.NoDefense"/>. The sweep attacks the models as given.</summary>
    public string Defense { get; init; } = ResultKey.NoDefense;

    /// <summary>An input defense and how the attacks treat it, and/or a transfer surrogate the attacks are crafted on (issue 5,
    /// defended evaluation); null attacks and scores the bare models. Its <see cref="DefendedEvaluation.Key"/> joins the label
    /// (see <see cref="DefenseKey"/>).</summary>
    public DefendedEvaluation? Defended { get; init; }

    /// <summary>The defense of the result keys: <see cref="Defense"/>, joined by '+' with <see cref="Defended"/>'s key when there is
    /// one (a label of <see cref="ResultKey.NoDefense"/> is left out), e.g. <c>fr+bpda</c> or <c>sat+transfer:unet</c>.</summary>
    public string DefenseKey => Defended is null ? Defense
        : Defense == ResultKey.NoDefense ? Defended.Key : $"{Defense}+{Defended.Key}";

    /// <summary>Seed of the result keys and of the attacks' random starts.</summary>
    public int Seed { get; init; }

    /// <summary>Images per batch to start with (≥ 1); halved on out-of-memory errors. Changes results only through float rounding:
    /// random starts are seeded per result key (see <see cref="RobustnessSweep"/>).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Throws when a field is missing, out of range or repeated, naming it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public SweepOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Attacks, nameof(Attacks));
        ArgumentNullException.ThrowIfNull(Epsilons, nameof(Epsilons));
        ArgumentException.ThrowIfNullOrWhiteSpace(Defense, nameof(Defense));
        if (Attacks.Count == 0 && !IncludeClean)
            throw new ArgumentException("nothing to compute: no attacks and IncludeClean = false.", nameof(Attacks));
        if (Attacks.Count > 0 && Epsilons.Count == 0)
            throw new ArgumentException($"attacks [{string.Join(", ", Attacks)}] need at least one ε.", nameof(Epsilons));
        foreach (string attack in Attacks)
            ArgumentException.ThrowIfNullOrWhiteSpace(attack, nameof(Attacks));
        var repeatedAttack = Attacks.GroupBy(a => a.Trim().ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (repeatedAttack is not null)
            throw new ArgumentException($"attack '{repeatedAttack.Key}' is listed {repeatedAttack.Count()} times.", nameof(Attacks));
        foreach (double epsilon in Epsilons)
            if (!double.IsFinite(epsilon) || epsilon <= 0)
                throw new ArgumentOutOfRangeException(nameof(Epsilons), epsilon,
                    "every ε must be finite and > 0 (intensity units, 0–255 scale); clean scores come from IncludeClean.");
        var repeatedEpsilon = Epsilons.GroupBy(e => e).FirstOrDefault(g => g.Count() > 1);
        if (repeatedEpsilon is not null)
            throw new ArgumentException($"ε = {repeatedEpsilon.Key} is listed {repeatedEpsilon.Count()} times.", nameof(Epsilons));
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be ≥ 1.");
        Defended?.Validate();
        return this;
    }
}
