using static TorchSharp.torch;

namespace Nlce.Training.Losses;

/// <summary>
/// Soft Dice loss of InvertedNet (Novikov et al., "Fully Convolutional Architectures for Multiclass Segmentation in Chest
/// Radiographs", IEEE TMI 2018, arXiv:1701.08816), which trains with the negative Dice coefficient.
/// </summary>
/// <remarks>
/// For each image and each foreground class, with t the one-hot ground truth and p the softmax foreground probability,
/// summed over all pixels:
/// <code>L = 1 − (2 Σ t·p + s) / (Σ t + Σ p + s)</code>
/// i.e. one minus the soft Dice coefficient (the same gradients as the paper's −Dice, shifted so that a perfect prediction
/// scores 0). s is a small smoothing term that makes an empty ground truth predicted empty score 0 instead of 0/0. The
/// result is the mean over images and foreground classes (Novikov et al. average the per-class Dice of their
/// multi-class setup); it lies in [0, 1].
/// </remarks>
public sealed class SoftDiceLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="smoothing">The term s added to numerator and denominator; &gt; 0 and finite. Default 1e-6.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="smoothing"/> is not positive and finite.</exception>
    public SoftDiceLoss(double smoothing = 1e-6)
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
        SegmentationLossInputs.Validate(logits, target, nameof(SoftDiceLoss));
        using var scope = NewDisposeScope();
        var p = SegmentationLossInputs.ForegroundProbabilities(logits);
        var t = SegmentationLossInputs.ForegroundTargets(target, logits);
        long[] pixels = [2, 3];
        var overlap = (t * p).sum(pixels);
        var dice = (2.0 * overlap + Smoothing) / (t.sum(pixels) + p.sum(pixels) + Smoothing);
        return (1.0 - dice).mean().MoveToOuterDisposeScope();
    }
}
