using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Fast gradient sign method (Goodfellow, Shlens and Szegedy, ICLR 2015, arXiv:1412.6572), untargeted, for segmentation as in
/// Arnab et al. (CVPR 2018) and seed 002 (Liu et al., arXiv:1908.00656): x' = clip_[0,1](x + ε·sign(∇ₓ L_CE(f(x), y))) with the
/// pixel-wise cross-entropy against the ground truth. L∞, one step; a per-image budget of 0 leaves that image unchanged.
/// </summary>
public sealed class Fgsm : Attack
{
    /// <inheritdoc />
    public override string Name => "FGSM";

    /// <inheritdoc />
    public override PerturbationNorm Norm => PerturbationNorm.Linf;

    private protected override int? MaxIterationBudget => 1;

    private protected override int DefaultIterations(double epsilonIntensity) => 1;

    private protected override Tensor Run(AttackContext context) =>
        ProjectedIteration.Run(context, context.Original, context.Epsilon, PerturbationNorm.Linf, LossDirection.Ascend,
            _ => logits => PixelLosses.CrossEntropy(logits, context.Labels));
}
