using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Projected gradient descent (Madry et al., "Towards Deep Learning Models Resistant to Adversarial Attacks", ICLR 2018,
/// arXiv:1706.06083), untargeted, on the mean pixel-wise cross-entropy against the ground truth, in L∞ (sign steps) or L2
/// (normalised-gradient steps), with random starts and restarts keeping each image's worst case by DIC (see <see cref="PgdOptions"/>).
/// </summary>
public sealed class Pgd : Attack
{
    /// <param name="options">Hyperparameters; null for the defaults.</param>
    public Pgd(PgdOptions? options = null)
    {
        Options = (options ?? new PgdOptions()).Validate();
    }

    /// <summary>The attack's hyperparameters.</summary>
    public PgdOptions Options { get; }

    /// <inheritdoc />
    public override string Name => Options.Norm == PerturbationNorm.Linf ? "PGD-L∞" : "PGD-L2";

    /// <inheritdoc />
    public override PerturbationNorm Norm => Options.Norm;

    private protected override int Runs => Options.Restarts;

    private protected override int DefaultIterations(double epsilonIntensity) => Options.Iterations.For(epsilonIntensity);

    private protected override Tensor Run(AttackContext context) =>
        PgdRestarts.WorstCase(context, Options, _ => logits => PixelLosses.CrossEntropy(logits, context.Labels));

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Options})";
}
