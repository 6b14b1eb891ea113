using Nlce.Attacks;

namespace Nlce.Training.Defenses;

/// <summary>Which losses standard adversarial training averages.</summary>
public enum SatLoss
{
    /// <summary>The loss on the adversarial batch only, as the AMAT authors' SAT baseline does (seed 004 code, issue 5).</summary>
    AdversarialOnly,

    /// <summary>½ the loss on the clean batch + ½ the loss on the adversarial batch.</summary>
    Mixed,
}

/// <summary>
/// Hyperparameters of standard adversarial training (SAT; Madry et al., ICLR 2018; the fixed-ε baseline of seed 004,
/// reference notes §2 "SAT baseline"): every batch is replaced by (or mixed with) a PGD attack with a random start inside one
/// fixed ε-ball. ε and α are in intensity units (0–255 scale), as everywhere in the library.
/// </summary>
/// <remarks>
/// Defaults: L∞ with ε = 8, α = 2 and 10 iterations (issue 5). <see cref="ForL2"/> gives the AMAT code's L2 setting: 20
/// iterations with step 4ε/20.
/// </remarks>
public sealed record SatOptions
{
    /// <summary>The paper-style L∞ default ε (intensity units).</summary>
    public const double DefaultEpsilon = 8;

    /// <summary>Norm of the ball and of the PGD steps; default L∞.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>ε, the radius of the ball (intensity units; for L2 the length of the whole perturbation); default 8.</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>PGD step size; default α = 2 intensity units.</summary>
    public StepSize StepSize { get; init; } = StepSize.Intensity(2);

    /// <summary>PGD iterations per batch; default 10.</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>Adversarial loss only (default) or mixed ½ clean + ½ adversarial.</summary>
    public SatLoss Loss { get; init; } = SatLoss.AdversarialOnly;

    /// <summary>The AMAT code's L2 SAT (seed 004): ball of L2 radius <paramref name="epsilon"/>, 20 iterations of step 4ε/20.</summary>
    public static SatOptions ForL2(double epsilon) =>
        new SatOptions { Norm = PerturbationNorm.L2, Epsilon = epsilon, StepSize = StepSize.FractionOfEpsilon(4.0 / 20), Iterations = 20 }.Validate();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range; returns this record.</summary>
    public SatOptions Validate()
    {
        if (!Enum.IsDefined(Norm))
            throw new ArgumentOutOfRangeException(nameof(Norm), Norm, $"expected one of {string.Join(", ", Enum.GetNames<PerturbationNorm>())}.");
        if (!double.IsFinite(Epsilon) || Epsilon <= 0)
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be finite and > 0 (intensity units, 0–255 scale).");
        ArgumentNullException.ThrowIfNull(StepSize, nameof(StepSize));
        StepSize.Validate();
        if (Iterations < 1)
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be ≥ 1.");
        if (!Enum.IsDefined(Loss))
            throw new ArgumentOutOfRangeException(nameof(Loss), Loss, $"expected one of {string.Join(", ", Enum.GetNames<SatLoss>())}.");
        return this;
    }
}
