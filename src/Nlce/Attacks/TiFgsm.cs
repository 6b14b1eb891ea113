using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Targeted iterative FGSM towards any given label map (ti-FGSM of seed 002, Liu et al., "Robustifying deep networks for
/// image segmentation", arXiv:1908.00656; Kurakin et al.'s iterative least-likely-class method generalised to a target map):
/// x_{t+1} = Clip_{x,ε}(x_t − α·sign(∇ₓ L_CE(f(x_t), y_target))). L∞. The targets come from <see cref="AttackBatch.Targets"/>.
/// Defaults α = 1 intensity unit and ⌈min(ε + 4, 1.25ε)⌉ iterations; NLCEN's attack is the special case <see cref="TargetedIfgsm"/>.
/// </summary>
public sealed class TiFgsm : Attack
{
    /// <param name="options">Step size and iteration schedule; null for the defaults.</param>
    public TiFgsm(IfgsmOptions? options = null)
    {
        Options = (options ?? new IfgsmOptions()).Validate();
    }

    /// <summary>The attack's hyperparameters.</summary>
    public IfgsmOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "ti-FGSM";

    /// <inheritdoc />
    public override PerturbationNorm Norm => PerturbationNorm.Linf;

    private protected override bool RequiresTargets => true;

    private protected override int DefaultIterations(double epsilonIntensity) => Options.Iterations.For(epsilonIntensity);

    private protected override Tensor Run(AttackContext context)
    {
        var targets = context.Targets!;
        return ProjectedIteration.Run(context, context.Original, Options.StepSize.PerImage(context.Epsilon), PerturbationNorm.Linf,
            LossDirection.Descend, _ => logits => PixelLosses.CrossEntropy(logits, targets));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Options.StepSize}, {Options.Iterations})";
}
