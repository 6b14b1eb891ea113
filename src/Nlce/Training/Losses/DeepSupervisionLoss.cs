using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Training.Losses;

/// <summary>
/// NLCEN's training loss (paper, eq. 5): L = ¼ Σᵢ L_g^i + λ L_r, the mean of the cross-entropy losses of the four
/// supervised FPN-level predictions (P2 … P5) plus λ times the cross-entropy loss of the refined prediction, λ = 0.25.
/// </summary>
/// <remarks>
/// Each term is pixel-wise cross-entropy (eq. 4) averaged over pixels and images, where the paper writes a sum over
/// pixels; averaging only rescales the loss by a constant (the pixel count) and keeps it independent of the image size.
/// With NLCEN's four level outputs the ¼ is the mean over <see cref="SegmentationOutputs.Auxiliary"/>.
/// </remarks>
public sealed class DeepSupervisionLoss
{
    /// <summary>The paper's λ.</summary>
    public const double PaperRefinementWeight = 0.25;

    /// <summary>Creates the loss with the refined prediction's weight λ.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="refinementWeight"/> is negative or not finite.</exception>
    public DeepSupervisionLoss(double refinementWeight = PaperRefinementWeight)
    {
        if (!double.IsFinite(refinementWeight) || refinementWeight < 0)
            throw new ArgumentOutOfRangeException(nameof(refinementWeight), refinementWeight, "λ must be finite and ≥ 0.");
        RefinementWeight = refinementWeight;
    }

    /// <summary>λ, the weight of the refined prediction's loss.</summary>
    public double RefinementWeight { get; }

    /// <summary>The scalar loss of eq. 5.</summary>
    /// <param name="outputs">Refined logits and the level logits, each [B, classes, H, W].</param>
    /// <param name="target">Class indices [B, H, W] (int64).</param>
    /// <exception cref="ArgumentException">There are no level outputs, or a shape or the target's type does not match.</exception>
    public Tensor Compute(SegmentationOutputs outputs, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(target);
        if (outputs.Auxiliary.Count == 0)
            throw new ArgumentException("Deep supervision needs the level predictions (SegmentationOutputs.Auxiliary is empty).", nameof(outputs));
        if (target.dtype != ScalarType.Int64)
            throw new ArgumentException($"The target must hold int64 class indices, got {target.dtype}.", nameof(target));
        RequireMatchingShape(outputs.Logits, target, "Logits");
        for (int i = 0; i < outputs.Auxiliary.Count; i++)
            RequireMatchingShape(outputs.Auxiliary[i], target, $"Auxiliary[{i}]");

        using var scope = NewDisposeScope();
        var levels = outputs.Auxiliary.Select(logits => nn.functional.cross_entropy(logits, target)).ToArray();
        var global = stack(levels).mean();
        var refined = nn.functional.cross_entropy(outputs.Logits, target);
        return (global + RefinementWeight * refined).MoveToOuterDisposeScope();
    }

    private static void RequireMatchingShape(Tensor logits, Tensor target, string field)
    {
        bool matches = logits.dim() == 4 && target.dim() == 3 && logits.shape[0] == target.shape[0]
            && logits.shape[2] == target.shape[1] && logits.shape[3] == target.shape[2];
        if (!matches)
            throw new ArgumentException(
                $"{field} has shape [{string.Join(", ", logits.shape)}] but the target has [{string.Join(", ", target.shape)}]; " +
                "expected logits [B, classes, H, W] and target [B, H, W].", "outputs");
    }
}
