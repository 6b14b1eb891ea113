using System.Collections.Immutable;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// The NLCEN paper's attack (He et al., AAAI 2019, Adversarial Attacks section, eq. 6): targeted iterative FGSM towards
/// S_t, the inverse of the ground-truth mask, descending the refined-prediction loss L_r (the cross-entropy of the model's
/// <c>forward</c> output against S_t):
/// x_{t+1} = clip(x_t − α·sign(∇ₓ L_r(f(x_t), S_t)), ε), x_0 = x, with α = 1 intensity unit, min(ε + 4, ⌈1.25ε⌉) iterations
/// (<see cref="IterationSchedule.Kurakin"/>) and clip to the L∞ ε-ball and to [0, 1]. No options: it is exactly the paper's.
/// Binary segmentation only (two classes), where the inverse mask is defined.
/// </summary>
public sealed class TargetedIfgsm : Attack
{
    /// <summary>The paper's adversarial intensities, 0–255 scale: {0.5, 1, 2, 4, 6, …, 32}, 18 values.</summary>
    public static IReadOnlyList<double> PaperEpsilons { get; } =
        ImmutableArray.Create(0.5, 1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32);

    /// <summary>The paper's step size α, intensity units.</summary>
    public const double StepSizeIntensity = 1;

    /// <summary>The paper's iteration schedule, min(ε + 4, ⌈1.25ε⌉).</summary>
    public static IterationSchedule Schedule => IterationSchedule.Kurakin;

    /// <inheritdoc />
    public override string Name => "targeted I-FGSM";

    /// <inheritdoc />
    public override PerturbationNorm Norm => PerturbationNorm.Linf;

    /// <summary>S_t for binary label maps [B, H, W]: background (0) becomes foreground (1) and foreground becomes background.</summary>
    public static Tensor InverseMask(Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.eq(0).to(int64);
    }

    private protected override void CheckModel(SegmentationModel model)
    {
        if (model.Config.Classes != 2)
            throw new ArgumentException(
                $"{Name} targets the inverse of the ground-truth mask, which needs binary segmentation; model '{model.Config.Name}' has {model.Config.Classes} classes. Use TiFgsm with explicit targets.",
                nameof(model));
    }

    private protected override int DefaultIterations(double epsilonIntensity) => Schedule.For(epsilonIntensity);

    private protected override Tensor Run(AttackContext context)
    {
        var target = InverseMask(context.Labels);
        return ProjectedIteration.Run(context, context.Original, StepSize.Intensity(StepSizeIntensity).PerImage(context.Epsilon),
            PerturbationNorm.Linf, LossDirection.Descend, _ => logits => PixelLosses.CrossEntropy(logits, target));
    }
}
