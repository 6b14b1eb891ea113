using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Training.Losses;

/// <summary>
/// Differentiable end-point-error (EPE) boundary loss of SLSDeep (Sarker et al., "SLSDeep: Skin Lesion Segmentation
/// Based on Dilated Residual and Pyramid Pooling Networks", MICCAI 2018, arXiv:1805.10241), which SLSDeep adds to the
/// negative log-likelihood to sharpen lesion boundaries.
/// </summary>
/// <remarks>
/// Sarker et al. define the EPE between the first derivatives (u, v) of the predicted and the ground-truth masks:
/// <c>EPE = √((u_p − u_g)² + (v_p − v_g)²)</c>, averaged over pixels. The public SLSDeep code evaluates it on the arg-max
/// mask, which carries no gradient; here it is evaluated on the softmax foreground probability instead, so that it
/// trains the network and attacks can differentiate it. Per image, foreground class and pixel:
/// <list type="bullet">
/// <item>u, v are the horizontal and vertical Sobel derivatives, kernels [−1 0 1] ⊗ [1 2 1] scaled by ¼, on maps whose
/// border is replicated (so the image border is not an edge): a unit step between two pixels has derivative 1 at both.</item>
/// <item>the error is <c>√((u_p − u_g)² + (v_p − v_g)² + ε) − √ε</c>: the ε keeps the gradient finite where the
/// derivatives agree, the −√ε makes a perfect prediction score exactly 0.</item>
/// </list>
/// The result is the mean over pixels, foreground classes and images. SLSDeep's total loss is
/// <c>NLL + <see cref="SlsDeepWeight"/> · EPE</c>.
/// </remarks>
public sealed class EndPointErrorLoss
{
    /// <summary>Weight of the EPE term in SLSDeep's total loss NLL + 0.5·EPE (as in the public SLSDeep training code).</summary>
    public const double SlsDeepWeight = 0.5;

    /// <summary>Creates the loss.</summary>
    /// <param name="epsilon">The ε under the square root; &gt; 0 and finite. Default 1e-6.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not positive and finite.</exception>
    public EndPointErrorLoss(double epsilon = 1e-6)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive and finite.");
        Epsilon = epsilon;
    }

    /// <summary>The ε under the square root.</summary>
    public double Epsilon { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="logits">Model output [B, classes, H, W], classes ≥ 2, class 0 the background.</param>
    /// <param name="target">Ground-truth labels [B, H, W], integer, in [0, classes).</param>
    /// <returns>A scalar tensor, differentiable with respect to <paramref name="logits"/>.</returns>
    /// <exception cref="ArgumentException">The shapes, dtypes or label values do not fit.</exception>
    public Tensor Compute(Tensor logits, Tensor target)
    {
        SegmentationLossInputs.Validate(logits, target, nameof(EndPointErrorLoss));
        using var scope = NewDisposeScope();
        var p = SegmentationLossInputs.ForegroundProbabilities(logits);
        var t = SegmentationLossInputs.ForegroundTargets(target, logits);
        var (uP, vP) = SobelDerivatives(p);
        var (uT, vT) = SobelDerivatives(t);
        var squared = (uP - uT).square() + (vP - vT).square();
        var error = (squared + Epsilon).sqrt() - Math.Sqrt(Epsilon);
        return error.mean().MoveToOuterDisposeScope();
    }

    /// <summary>Horizontal and vertical ¼-scaled Sobel derivatives of each channel of [B, C, H, W], border replicated.</summary>
    private static (Tensor U, Tensor V) SobelDerivatives(Tensor maps)
    {
        long channels = maps.shape[1];
        var smooth = tensor(new[] { 1f, 2f, 1f }, dtype: maps.dtype, device: maps.device) / 4.0;
        var difference = tensor(new[] { -1f, 0f, 1f }, dtype: maps.dtype, device: maps.device);
        var horizontal = smooth.outer(difference).expand(channels, 1, 3, 3).contiguous();
        var vertical = difference.outer(smooth).expand(channels, 1, 3, 3).contiguous();
        var padded = nn.functional.pad(maps, [1, 1, 1, 1], PaddingModes.Replicate);
        var u = nn.functional.conv2d(padded, horizontal, groups: channels);
        var v = nn.functional.conv2d(padded, vertical, groups: channels);
        return (u, v);
    }
}
