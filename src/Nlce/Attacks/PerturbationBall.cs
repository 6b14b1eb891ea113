using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>Per-image sizes of a perturbation δ = x_adv − x, in intensity units (0–255 scale).</summary>
/// <param name="Linf">‖δ‖∞ of each image.</param>
/// <param name="L2">‖δ‖₂ of each image (over all its channels and pixels).</param>
public sealed record PerturbationSize(double[] Linf, double[] L2);

/// <summary>
/// The one place where attacks keep their iterates feasible: the projection onto the ε-ball around the clean image and
/// the clip to the image domain [0, 1] (the "clip(·, ε)" of NLCEN eq. 6, Kurakin et al.'s Clip_{X,ε}), and the measure of
/// the perturbation an attack ended with.
/// </summary>
public static class PerturbationBall
{
    /// <summary>
    /// Returns clip_[0,1](x + Π_ε(x_adv − x)): the perturbation is projected onto the per-image ε-ball of
    /// <paramref name="norm"/> (L∞: clamped to [−ε, ε] pixel-wise; L2: rescaled to length ε when longer), then the image is
    /// clamped to [0, 1]. Clamping after the projection only shrinks every |δ| component, so the result stays in the ball.
    /// For L2 this is a feasible point of the intersection, not its exact Euclidean projection.
    /// </summary>
    /// <param name="adversarial">Candidate images [B, C, H, W].</param>
    /// <param name="original">Clean images [B, C, H, W] in [0, 1].</param>
    /// <param name="epsilon">Per-image radius [B] on the [0, 1] scale (see <see cref="IntensityScale"/>); +∞ leaves only the domain clip.</param>
    /// <param name="norm">The ball's norm.</param>
    public static Tensor Project(Tensor adversarial, Tensor original, Tensor epsilon, PerturbationNorm norm)
    {
        ArgumentNullException.ThrowIfNull(adversarial);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(epsilon);
        if (!adversarial.shape.SequenceEqual(original.shape))
            throw new ArgumentException(
                $"adversarial has shape [{string.Join(", ", adversarial.shape)}] but original has [{string.Join(", ", original.shape)}]; they must match.",
                nameof(adversarial));
        if (epsilon.dim() != 1 || epsilon.shape[0] != original.shape[0])
            throw new ArgumentException(
                $"epsilon must be one radius per image, shape [{original.shape[0]}]; got [{string.Join(", ", epsilon.shape)}].", nameof(epsilon));

        using var scope = NewDisposeScope();
        var radius = PerImage(epsilon, original);
        var delta = adversarial - original;
        var projected = norm switch
        {
            PerturbationNorm.Linf => delta.clamp(-radius, radius),
            PerturbationNorm.L2 => delta * (radius / PerImage(L2Norm(delta), original).clamp_min(1e-12)).clamp_max(1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, $"expected one of {string.Join(", ", Enum.GetNames<PerturbationNorm>())}."),
        };
        return ClampToDomain(original + projected).MoveToOuterDisposeScope();
    }

    /// <summary>Clamps images to the domain [0, 1].</summary>
    public static Tensor ClampToDomain(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return images.clamp(0.0, 1.0);
    }

    /// <summary>Measures δ = <paramref name="adversarial"/> − <paramref name="original"/> per image, in intensity units (float64 arithmetic).</summary>
    public static PerturbationSize Measure(Tensor adversarial, Tensor original)
    {
        ArgumentNullException.ThrowIfNull(adversarial);
        ArgumentNullException.ThrowIfNull(original);
        using var scope = NewDisposeScope();
        var delta = (adversarial.to(float64) - original.to(float64)) * IntensityScale.FullScale;
        var linf = delta.flatten(1).abs().amax(1);
        var l2 = L2Norm(delta);
        return new PerturbationSize(linf.cpu().data<double>().ToArray(), l2.cpu().data<double>().ToArray());
    }

    /// <summary>‖δ‖₂ per image: [B].</summary>
    internal static Tensor L2Norm(Tensor delta) => delta.flatten(1).square().sum(1).sqrt();

    /// <summary>Reshapes per-image values [B] to broadcast over images shaped like <paramref name="like"/>: [B, 1, 1, 1].</summary>
    internal static Tensor PerImage(Tensor values, Tensor like) =>
        values.to(like.dtype).reshape([values.shape[0], .. Enumerable.Repeat(1L, (int)like.dim() - 1)]);
}
