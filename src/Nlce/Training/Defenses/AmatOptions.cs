using Nlce.Attacks;

namespace Nlce.Training.Defenses;

/// <summary>
/// Hyperparameters of adaptive-margin adversarial training (AMAT; Ma and Liang, arXiv 2206.01736, seed 004; reference notes §2,
/// reconstructed from the authors' code). Margins, Δ and the cap are in intensity units (0–255 scale) of <see cref="Norm"/>.
/// </summary>
/// <remarks>
/// The authors' code uses L2 margins on z-scored MRI with Δ tuned per dataset (e.g. 1–9 for MSD Heart) and no cap. Those
/// numbers do not carry over to [0, 1] images, so the defaults here are a workbench choice that matches the ε axis of the
/// NLCEN robustness curves: L∞ margins growing by Δ = 1 intensity level per epoch up to E_max = 16 (the middle of
/// <see cref="TargetedIfgsm.PaperEpsilons"/>). The PGD setting is the authors': 20 iterations of step 4·E_i/20.
/// </remarks>
public sealed record AmatOptions
{
    /// <summary>Norm of the margins and of the PGD steps; default L∞ (the authors use L2).</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Δ: every margin starts here, and a sample that resists the attack grows its margin by Δ per epoch; default 1.</summary>
    public double Delta { get; init; } = 1;

    /// <summary>E_max, the cap of every margin; default 16.</summary>
    public double MaxMargin { get; init; } = 16;

    /// <summary>PGD iterations per batch; default 20 (the authors').</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>PGD step as a fraction of each sample's margin; default 4/20 (the authors' α·E_i/20 with α = 4).</summary>
    public double StepFraction { get; init; } = 4.0 / 20;

    /// <summary>
    /// τ: a sample counts as still correct while its DIC (eq. 7) stays ≥ τ. Null (default): the mean training DIC of the model as
    /// it is when AMAT training starts (the authors' "avg mean" of the clean model; start from a clean-trained model for it to mean that).
    /// </summary>
    public double? DiceThreshold { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range; returns this record.</summary>
    public AmatOptions Validate()
    {
        if (!Enum.IsDefined(Norm))
            throw new ArgumentOutOfRangeException(nameof(Norm), Norm, $"expected one of {string.Join(", ", Enum.GetNames<PerturbationNorm>())}.");
        if (!double.IsFinite(Delta) || Delta <= 0)
            throw new ArgumentOutOfRangeException(nameof(Delta), Delta, "Δ must be finite and > 0 (intensity units).");
        if (!double.IsFinite(MaxMargin) || MaxMargin < Delta)
            throw new ArgumentOutOfRangeException(nameof(MaxMargin), MaxMargin, $"E_max must be finite and ≥ Δ ({Delta}).");
        if (Iterations < 1)
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be ≥ 1.");
        if (!double.IsFinite(StepFraction) || StepFraction <= 0)
            throw new ArgumentOutOfRangeException(nameof(StepFraction), StepFraction, "StepFraction must be finite and > 0.");
        if (DiceThreshold is double tau && !(tau is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(DiceThreshold), tau, "τ must be a DIC in [0, 1].");
        return this;
    }
}
