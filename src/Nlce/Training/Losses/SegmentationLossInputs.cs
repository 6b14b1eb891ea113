using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Training.Losses;

/// <summary>
/// Shared input handling of the region and boundary losses (<see cref="JaccardDistanceLoss"/>, <see cref="SoftDiceLoss"/>,
/// <see cref="EndPointErrorLoss"/>): checks logits against labels and turns them into per-class foreground maps.
/// </summary>
/// <remarks>
/// Class 0 is the background. The losses score the foreground classes 1 … K−1 one against the rest (for binary
/// segmentation: the single foreground class) and average over classes and images.
/// </remarks>
internal static class SegmentationLossInputs
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="logits"/> is a floating [B, K, H, W] tensor with K ≥ 2
    /// and <paramref name="target"/> an integer [B, H, W] tensor of labels in [0, K).
    /// </summary>
    public static void Validate(Tensor logits, Tensor target, string lossName)
    {
        if (logits.dim() != 4 || !logits.is_floating_point())
            throw new ArgumentException(
                $"{lossName}: logits must be a floating-point [B, classes, H, W] tensor; got {logits.dtype} [{Shape(logits)}].",
                nameof(logits));
        if (logits.shape[1] < 2)
            throw new ArgumentException(
                $"{lossName}: logits need at least 2 classes (background + foreground); got {logits.shape[1]} in [{Shape(logits)}].",
                nameof(logits));
        if (target.dim() != 3 || target.is_floating_point() || target.dtype == ScalarType.Bool)
            throw new ArgumentException(
                $"{lossName}: target must be an integer [B, H, W] tensor of class labels; got {target.dtype} [{Shape(target)}].",
                nameof(target));
        if (target.shape[0] != logits.shape[0] || target.shape[1] != logits.shape[2] || target.shape[2] != logits.shape[3])
            throw new ArgumentException(
                $"{lossName}: target [{Shape(target)}] does not match logits [{Shape(logits)}]; expected [{logits.shape[0]}, {logits.shape[2]}, {logits.shape[3]}].",
                nameof(target));
        if (target.numel() == 0)
            throw new ArgumentException($"{lossName}: target is empty [{Shape(target)}].", nameof(target));

        long classes = logits.shape[1];
        using var scope = NewDisposeScope();
        long lowest = target.min().to_type(ScalarType.Int64).item<long>();
        long highest = target.max().to_type(ScalarType.Int64).item<long>();
        if (lowest < 0 || highest >= classes)
            throw new ArgumentException(
                $"{lossName}: target labels must lie in [0, {classes - 1}]; found labels from {lowest} to {highest}.",
                nameof(target));
    }

    /// <summary>Softmax probabilities of the foreground classes: [B, K−1, H, W].</summary>
    public static Tensor ForegroundProbabilities(Tensor logits) =>
        nn.functional.softmax(logits, 1).narrow(1, 1, logits.shape[1] - 1);

    /// <summary>One-hot indicator maps of the foreground classes, in the dtype of <paramref name="logits"/>: [B, K−1, H, W].</summary>
    public static Tensor ForegroundTargets(Tensor target, Tensor logits)
    {
        long classes = logits.shape[1];
        return nn.functional.one_hot(target.to_type(ScalarType.Int64), classes)
            .permute(0, 3, 1, 2)
            .narrow(1, 1, classes - 1)
            .to_type(logits.dtype);
    }

    private static string Shape(Tensor t) => string.Join(", ", t.shape);
}
