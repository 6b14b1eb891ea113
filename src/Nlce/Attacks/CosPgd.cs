using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// CosPGD (Agnihotri, Jung and Keuper, "CosPGD: an efficient white-box adversarial attack for pixel-wise prediction tasks",
/// ICML 2024, arXiv:2302.02213), untargeted: PGD on the mean over pixels of cos(softmax f(x)_j, onehot(y_j))·CE_j, the cosine
/// weight detached, so pixels the attack has already fooled weigh less. Random starts and restarts as in <see cref="Pgd"/>.
/// </summary>
public sealed class CosPgd : Attack
{
    /// <param name="options">Hyperparameters; null for the defaults.</param>
    public CosPgd(PgdOptions? options = null)
    {
        Options = (options ?? new PgdOptions()).Validate();
    }

    /// <summary>The attack's hyperparameters.</summary>
    public PgdOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "CosPGD";

    /// <inheritdoc />
    public override PerturbationNorm Norm => Options.Norm;

    private protected override int Runs => Options.Restarts;

    private protected override int DefaultIterations(double epsilonIntensity) => Options.Iterations.For(epsilonIntensity);

    private protected override Tensor Run(AttackContext context) =>
        PgdRestarts.WorstCase(context, Options, _ => logits => PixelLosses.CosPgd(logits, context.Labels));

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Options})";
}
