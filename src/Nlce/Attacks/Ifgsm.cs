using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Iterative FGSM, the "basic iterative method" (Kurakin, Goodfellow and Bengio, arXiv:1607.02533), untargeted:
/// x_{t+1} = Clip_{x,ε}(x_t + α·sign(∇ₓ L_CE(f(x_t), y))), starting from x_0 = x, with the pixel-wise cross-entropy against the
/// ground truth. L∞. Defaults α = 1 intensity unit and ⌈min(ε + 4, 1.25ε)⌉ iterations (see <see cref="IfgsmOptions"/>).
/// </summary>
public sealed class Ifgsm : Attack
{
    /// <param name="options">Step size and iteration schedule; null for the defaults.</param>
    public Ifgsm(IfgsmOptions? options = null)
    {
        Options = (options ?? new IfgsmOptions()).Validate();
    }

    /// <summary>The attack's hyperparameters.</summary>
    public IfgsmOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "I-FGSM";

    /// <inheritdoc />
    public override PerturbationNorm Norm => PerturbationNorm.Linf;

    private protected override int DefaultIterations(double epsilonIntensity) => Options.Iterations.For(epsilonIntensity);

    private protected override Tensor Run(AttackContext context) =>
        ProjectedIteration.Run(context, context.Original, Options.StepSize.PerImage(context.Epsilon), PerturbationNorm.Linf,
            LossDirection.Ascend, _ => logits => PixelLosses.CrossEntropy(logits, context.Labels));

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Options.StepSize}, {Options.Iterations})";
}
