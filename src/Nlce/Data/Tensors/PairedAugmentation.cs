using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Nlce.Data.Tensors;

/// <summary>
/// The NLCEN paper's augmentation for ISBI 2016 (Implementation: "horizontal flips, vertical flips and random rotations with
/// ±10 degrees"), applied identically to each image and its mask. The paper applies none to JSRT.
/// </summary>
/// <param name="FlipProbability">Probability of each flip (horizontal, vertical), independently.</param>
/// <param name="MaxRotationDegrees">Rotation angle drawn uniformly from ±this.</param>
public sealed record PairedAugmentation(double FlipProbability = 0.5, double MaxRotationDegrees = 10)
{
    /// <summary>The paper's ISBI setting: both flips with probability ½, rotation in ±10°.</summary>
    public static PairedAugmentation Paper { get; } = new();

    /// <summary>
    /// Augments a batch: images [B, C, H, W] (bilinear, border padding) and masks [B, H, W] (nearest, background padding).
    /// Every random draw comes from <paramref name="random"/>, so a seeded generator gives the same batch every time.
    /// </summary>
    public (Tensor Images, Tensor Masks) Apply(Tensor images, Tensor masks, Random random)
    {
        if (FlipProbability is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(FlipProbability), FlipProbability, "must be in [0, 1].");
        if (MaxRotationDegrees is < 0 or > 180)
            throw new ArgumentOutOfRangeException(nameof(MaxRotationDegrees), MaxRotationDegrees, "must be in [0, 180].");
        using var scope = NewDisposeScope();
        long batch = images.shape[0];
        var theta = new float[batch * 6];
        for (int b = 0; b < batch; b++)
        {
            double angle = (random.NextDouble() * 2 - 1) * MaxRotationDegrees * Math.PI / 180;
            float sx = random.NextDouble() < FlipProbability ? -1 : 1;
            float sy = random.NextDouble() < FlipProbability ? -1 : 1;
            float c = (float)Math.Cos(angle), s = (float)Math.Sin(angle);
            // Output → input sampling grid: rotation composed with axis flips (a flip is a scale of −1 on that axis).
            theta[b * 6 + 0] = c * sx;
            theta[b * 6 + 1] = -s * sy;
            theta[b * 6 + 3] = s * sx;
            theta[b * 6 + 4] = c * sy;
        }
        var affine = tensor(theta, [batch, 2, 3], device: images.device);
        var grid = affine_grid(affine, images.shape, align_corners: false);
        var outImages = grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        var outMasks = grid_sample(masks.unsqueeze(1).to(float32), grid, GridSampleMode.Nearest, GridSamplePaddingMode.Zeros, align_corners: false)
            .squeeze(1).round().to(masks.dtype);
        return (outImages.MoveToOuterDisposeScope(), outMasks.MoveToOuterDisposeScope());
    }
}
