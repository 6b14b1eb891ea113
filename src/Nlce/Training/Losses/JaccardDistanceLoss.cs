using static TorchSharp.torch;

namespace Nlce.Training.Losses;

/// <summary>
/// Soft Jaccard-distance loss of CDNN (Yuan, Chao and Lo, "Automatic Skin Lesion Segmentation Using Deep Fully
/// Convolutional Networks With Jaccard Distance", IEEE TMI 2017), the loss the NLCEN paper's CDNN baseline is trained with.
/// </summary>
/// <remarks>
/// For each image and each foreground class, with t the one-hot ground truth and p the softmax foreground probability,
/// summed over all pixels:
/// <code>L = 1 − (Σ t·p + s) / (Σ t² + Σ p² − Σ t·p + s)</code>
/// where s is a small smoothing term that makes an empty ground truth predicted empty score 0 instead of 0/0. The result
/// is the mean over images and foreground classes; it lies in [0, 1] and is 0 for a perfect prediction. No class
/// re-weighting is needed (the point of the loss in Yuan et al.).
/// </remarks>
public sealed class JaccardDistanceLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="smoothing">The term s added to numerator and denominator; &gt; 0 and finite. Default 1e-6.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="smoothing"/> is not positive and finite.</exception>
    public JaccardDistanceLoss(double smoothing = 1e-6)
    {
        if (!(smoothing > 0) || double.IsInfinity(smoothing))
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "smoothing must be positive and finite.");
        Smoothing = smoothing;
    }

    /// <summary>The smoothing term s.</summary>
    public double Smoothing { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="logits">Model output [B, classes, H, W], classes ≥ 2, class 0 the background.</param>
    /// <param name="target">Ground-truth labels [B, H, W], integer, in [0, classes).</param>
    /// <returns>A scalar tensor, differentiable with respect to <paramref name="logits"/>.</returns>
    /// <exception cref="ArgumentException">The shapes, dtypes or label values do not fit.</exception>
    public Tensor Compute(Tensor logits, Tensor target)
    {
        SegmentationLossInputs.Validate(logits, target, nameof(JaccardDistanceLoss));
        using var scope = NewDisposeScope();
        var p = SegmentationLossInputs.ForegroundProbabilities(logits);
        var t = SegmentationLossInputs.ForegroundTargets(target, logits);
        long[] pixels = [2, 3];
        var intersection = (t * p).sum(pixels);
        var union = t.square().sum(pixels) + p.square().sum(pixels) - intersection;
        var index = (intersection + Smoothing) / (union + Smoothing);
        return (1.0 - index).mean().MoveToOuterDisposeScope();
    }
}
