using static TorchSharp.torch;

namespace Nlce.Evaluation;

/// <summary>Per-image overlap scores of a batch: DIC (paper eq. 7) and JSC (eq. 8), each [B] float64.</summary>
public sealed record OverlapScores(double[] Dice, double[] Jaccard)
{
    /// <summary>Mean DIC over the images.</summary>
    public double MeanDice => Dice.Average();

    /// <summary>Mean JSC over the images.</summary>
    public double MeanJaccard => Jaccard.Average();
}

/// <summary>
/// Dice's coefficient and the Jaccard similarity coefficient, per image, computed on tensors for whole batches
/// (NLCEN paper, Evaluation Metrics: DIC = 2TP / (2TP + FN + FP), eq. 7; JSC = TP / (TP + FN + FP), eq. 8).
/// </summary>
/// <remarks>
/// Empty-mask convention: when an image's prediction and ground truth are both empty (TP + FN + FP = 0) both scores are
/// 1 — the prediction is perfect — instead of the undefined 0/0. One empty and one non-empty mask score 0.
/// </remarks>
public static class SegmentationMetrics
{
    /// <summary>
    /// Scores binary label maps: <paramref name="predicted"/> and <paramref name="target"/> are [B, H, W] (or [H, W]) with
    /// non-zero = foreground.
    /// </summary>
    public static OverlapScores FromLabels(Tensor predicted, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        if (!predicted.shape.SequenceEqual(target.shape))
            throw new ArgumentException(
                $"predicted has shape [{string.Join(", ", predicted.shape)}] but target has [{string.Join(", ", target.shape)}]; they must match.",
                nameof(predicted));
        if (predicted.dim() is not (2 or 3))
            throw new ArgumentException($"expected label maps [B, H, W] or [H, W]; got {predicted.dim()} dimensions.", nameof(predicted));

        using var scope = NewDisposeScope();
        var p = (predicted.dim() == 2 ? predicted.unsqueeze(0) : predicted).ne(0).flatten(1);
        var t = (target.dim() == 2 ? target.unsqueeze(0) : target).to(p.device).ne(0).flatten(1);
        var truePositive = p.logical_and(t).sum(1).to(float64);
        var falsePositive = p.logical_and(t.logical_not()).sum(1).to(float64);
        var falseNegative = p.logical_not().logical_and(t).sum(1).to(float64);
        var union = truePositive + falsePositive + falseNegative;
        var empty = union.eq(0);
        var dice = where(empty, 1.0, 2 * truePositive / (2 * truePositive + falsePositive + falseNegative).clamp_min(1));
        var jaccard = where(empty, 1.0, truePositive / union.clamp_min(1));
        return new OverlapScores(dice.cpu().data<double>().ToArray(), jaccard.cpu().data<double>().ToArray());
    }

    /// <summary>Scores logits [B, classes, H, W] against labels [B, H, W]: the prediction is the arg-max class, foreground = class ≠ 0.</summary>
    public static OverlapScores FromLogits(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.dim() != 4)
            throw new ArgumentException($"expected logits [B, classes, H, W]; got {logits.dim()} dimensions.", nameof(logits));
        using var scope = NewDisposeScope();
        return FromLabels(logits.argmax(1), target);
    }
}

/// <summary>
/// Stateful form of <see cref="SegmentationMetrics"/> for evaluation loops: <see cref="Add(Tensor, Tensor)"/> per batch,
/// <see cref="Aggregate"/> for the per-image scores so far, <see cref="Reset"/> to start again.
/// </summary>
public sealed class OverlapAccumulator
{
    private readonly List<double> dice = [];
    private readonly List<double> jaccard = [];

    /// <summary>Number of images added.</summary>
    public int Count => dice.Count;

    /// <summary>Adds a batch of label maps [B, H, W].</summary>
    public void Add(Tensor predicted, Tensor target) => Add(SegmentationMetrics.FromLabels(predicted, target));

    /// <summary>Adds already computed scores.</summary>
    public void Add(OverlapScores scores)
    {
        dice.AddRange(scores.Dice);
        jaccard.AddRange(scores.Jaccard);
    }

    /// <summary>All per-image scores added since the last reset; throws when none were added.</summary>
    public OverlapScores Aggregate() => Count == 0
        ? throw new InvalidOperationException("no images were added; nothing to aggregate.")
        : new OverlapScores([.. dice], [.. jaccard]);

    /// <summary>Forgets every score.</summary>
    public void Reset()
    {
        dice.Clear();
        jaccard.Clear();
    }
}
