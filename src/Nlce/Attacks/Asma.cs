using Nlce.Evaluation;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Adaptive segmentation mask attack (Ozbulak, Van Messem and De Neve, "Impact of Adversarial Examples on Deep Learning
/// Models for Biomedical Image Segmentation", MICCAI 2019, arXiv:1907.13124; seed 003 attacks with it), targeted towards
/// another image's mask (<see cref="AttackBatch.Targets"/>; <see cref="TargetsFromOtherImages"/> builds them). Each iteration
/// climbs J(x) = Σ_c Σ_pix g_c(x)·1[Yᴬ = c]·1[ŷ(x) ≠ c] − ‖x − x₀‖₂² with its raw gradient (no sign): only pixels whose prediction
/// still differs from the target contribute (adaptive segmentation mask), and the step is scaled by the dynamic perturbation
/// multiplier m = β·IoU(ŷ(x_t), Yᴬ) + τ (m = τ at the first step), growing as the prediction approaches the target; then x is
/// clipped to [0, 1].
/// </summary>
/// <remarks>
/// The original attack has no norm bound: pass ε = +∞ and read the L2/L∞ size it needed from <see cref="AttackResult"/>.
/// A finite ε additionally clips every iterate to the L∞ ε-ball, so ASMA can be compared with the other attacks at equal ε.
/// Deviation: the IoU that sets m is taken at the clipped iterate, from the forward pass of the next gradient, instead of
/// from an extra forward pass before the clip.
/// </remarks>
public sealed class Asma : Attack
{
    /// <param name="options">Iterations and multiplier; null for the authors' defaults.</param>
    public Asma(AsmaOptions? options = null)
    {
        Options = (options ?? new AsmaOptions()).Validate();
    }

    /// <summary>The attack's hyperparameters.</summary>
    public AsmaOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "ASMA";

    /// <inheritdoc />
    public override PerturbationNorm Norm => PerturbationNorm.Linf;

    private protected override bool RequiresTargets => true;

    private protected override bool AllowsUnboundedEpsilon => true;

    /// <summary>Targets for each image of a batch: the label map of the next image (the last image takes the first's), as in the
    /// authors' demo, where one image is attacked towards another image's ground truth. Needs at least two images.</summary>
    public static Tensor TargetsFromOtherImages(Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 3 || labels.shape[0] < 2)
            throw new ArgumentException($"need label maps [B, H, W] with B ≥ 2; got [{string.Join(", ", labels.shape)}].", nameof(labels));
        return labels.roll(-1, 0);
    }

    private protected override int DefaultIterations(double epsilonIntensity) => Options.Iterations;

    private protected override Tensor Run(AttackContext context)
    {
        var targets = context.Targets!;
        var x = context.Original.clone();
        int iterations = context.MaxBudget;
        for (int t = 0; t < iterations; t++)
        {
            using var scope = NewDisposeScope();
            var estimate = context.Gradient(x, logits => PixelLosses.AdaptiveMaskLogits(logits, targets));
            double[] multiplier = t == 0
                ? Enumerable.Repeat(Options.Tau, context.Budgets.Length).ToArray()
                : SegmentationMetrics.FromLogits(estimate.Logits, targets).Jaccard.Select(iou => Options.Beta * iou + Options.Tau).ToArray();
            var ascent = estimate.Gradient - 2 * (x - context.Original);
            var stepped = context.Project(x + PerturbationBall.PerImage(tensor(multiplier, device: x.device), x) * ascent, PerturbationNorm.Linf);
            x.copy_(where(context.ActiveAt(t), stepped, x));
            context.Report(1, 1, t + 1, iterations);
        }
        return x;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Options})";
}
