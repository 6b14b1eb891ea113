using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nlce.Attacks;

/// <summary>
/// Per-image attack objectives on logits [B, K, H, W]; each returns [B]. Losses are means over an image's pixels (NLCEN
/// eq. 4 sums them; sign steps and normalised L2 steps do not depend on a positive per-image scale), so each image's gradient
/// is independent of the rest of the batch.
/// </summary>
internal static class PixelLosses
{
    /// <summary>Mean pixel-wise cross-entropy against <paramref name="labels"/> [B, H, W] (NLCEN eq. 4 up to its 1/|I|).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels) =>
        PixelCrossEntropy(logits, labels).mean([1, 2]);

    /// <summary>
    /// SegPGD (Gu et al., ECCV 2022, eq. 5): (1/HW)·[(1 − λ)·Σ_{correct} CE + λ·Σ_{wrong} CE], where "correct" pixels are those
    /// the current prediction gets right; λ [B] is the per-image schedule value.
    /// </summary>
    public static Tensor SegPgd(Tensor logits, Tensor labels, Tensor lambda)
    {
        var crossEntropy = PixelCrossEntropy(logits, labels);
        var correct = logits.detach().argmax(1).eq(labels).to(logits.dtype);
        var weight = PerPixel(1 - lambda, logits) * correct + PerPixel(lambda, logits) * (1 - correct);
        return (weight * crossEntropy).mean([1, 2]);
    }

    /// <summary>
    /// CosPGD (Agnihotri, Jung and Keuper, ICML 2024, untargeted): mean over pixels of w·CE with the detached weight
    /// w = cos(softmax(logits), onehot(label)) over the class axis, so pixels already fooled weigh less.
    /// </summary>
    public static Tensor CosPgd(Tensor logits, Tensor labels)
    {
        var crossEntropy = PixelCrossEntropy(logits, labels);
        var probabilities = F.softmax(logits.detach(), 1);
        var onehot = F.one_hot(labels, logits.shape[1]).permute(0, 3, 1, 2).to(logits.dtype);
        var weight = F.cosine_similarity(probabilities, onehot, 1, 1e-8);
        return (weight * crossEntropy).mean([1, 2]);
    }

    /// <summary>
    /// ASMA's prediction term (Ozbulak et al., MICCAI 2019, adaptive segmentation mask): Σ over pixels whose current prediction
    /// differs from the target of the target class's logit, Σ_c Σ_pix g_c(x)·1[Yᴬ = c]·1[ŷ ≠ c].
    /// </summary>
    public static Tensor AdaptiveMaskLogits(Tensor logits, Tensor targets)
    {
        var targetLogit = logits.gather(1, targets.unsqueeze(1)).squeeze(1);
        var mismatch = logits.detach().argmax(1).ne(targets).to(logits.dtype);
        return (targetLogit * mismatch).sum([1, 2]);
    }

    private static Tensor PixelCrossEntropy(Tensor logits, Tensor labels) =>
        F.cross_entropy(logits, labels, reduction: nn.Reduction.None);

    private static Tensor PerPixel(Tensor perImage, Tensor logits) => perImage.to(logits.dtype).view(-1, 1, 1);
}
