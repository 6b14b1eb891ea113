using Nlce.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Nlce.Training.Losses;

/// <summary>
/// Pixel-wise cross-entropy, the loss of <see cref="LossKind.CrossEntropy"/> (UNet's, and the per-term loss of NLCEN's
/// eq. 5): L = −(1 / (B·H·W)) Σ log softmax(z)[y] over every pixel, z the logits and y the target class.
/// </summary>
public static class CrossEntropyLoss
{
    /// <summary>
    /// Mean cross-entropy of logits [B, classes, H, W] against labels [B, H, W] (int64, each in [0, classes)).
    /// Throws <see cref="ArgumentException"/> on mismatched shapes, a wrong label type or labels out of range.
    /// </summary>
    public static Tensor Compute(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.dim() != 4)
            throw new ArgumentException($"expected logits [B, classes, H, W]; got shape {ShapeText(logits)}.", nameof(logits));
        if (target.dim() != 3 || target.shape[0] != logits.shape[0] || target.shape[1] != logits.shape[2] || target.shape[2] != logits.shape[3])
            throw new ArgumentException(
                $"target must be labels [B, H, W] = [{logits.shape[0]}, {logits.shape[2]}, {logits.shape[3]}] matching the logits; got {ShapeText(target)}.",
                nameof(target));
        if (target.dtype != ScalarType.Int64)
            throw new ArgumentException($"target must be int64 class labels; got {target.dtype}.", nameof(target));
        long classes = logits.shape[1];
        using (var scope = NewDisposeScope())
        {
            long low = target.min().item<long>(), high = target.max().item<long>();
            if (low < 0 || high >= classes)
                throw new ArgumentException($"target labels must be in [0, {classes}); found labels in [{low}, {high}].", nameof(target));
        }
        return cross_entropy(logits, target);
    }

    /// <summary>
    /// <see cref="Compute"/> on the final logits, as a <see cref="SegmentationLoss"/>. A model that also returns auxiliary
    /// outputs is rejected rather than having them silently ignored (such a model needs a deep-supervision loss).
    /// </summary>
    public static Tensor Loss(SegmentationOutputs outputs, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Auxiliary.Count > 0)
            throw new ArgumentException(
                $"cross-entropy supervises only the final logits, but the model returned {outputs.Auxiliary.Count} auxiliary output(s); " +
                $"use {nameof(LossKind.DeepSupervision)} for deeply supervised models.", nameof(outputs));
        return Compute(outputs.Logits, target);
    }

    private static string ShapeText(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
