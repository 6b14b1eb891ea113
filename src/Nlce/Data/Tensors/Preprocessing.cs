using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Nlce.Data.Tensors;

/// <summary>
/// Resizing to the working resolution (NLCEN paper, Implementation: "all input images are resized to 256×256"):
/// bilinear for images (anti-aliased when shrinking, so fine structure is averaged rather than aliased), nearest for masks
/// (labels stay labels).
/// </summary>
public static class Preprocessing
{
    /// <summary>Resizes images [C, H, W] or [B, C, H, W] to <paramref name="height"/>×<paramref name="width"/>; output stays in [0, 1].</summary>
    public static Tensor ResizeImage(Tensor image, int height, int width)
    {
        ValidateSize(height, width);
        using var scope = NewDisposeScope();
        bool single = image.dim() == 3;
        var batch = single ? image.unsqueeze(0) : image;
        if (batch.dim() != 4)
            throw new ArgumentException($"expected an image [C, H, W] or a batch [B, C, H, W]; got {image.dim()} dimensions.", nameof(image));
        bool shrinking = batch.shape[2] > height || batch.shape[3] > width;
        var resized = interpolate(batch.to(float32), [height, width], mode: InterpolationMode.Bilinear, align_corners: false, antialias: shrinking)
            .clamp(0, 1);
        return (single ? resized.squeeze(0) : resized).MoveToOuterDisposeScope();
    }

    /// <summary>Resizes label maps [H, W] or [B, H, W] to <paramref name="height"/>×<paramref name="width"/> by nearest neighbour.</summary>
    public static Tensor ResizeMask(Tensor mask, int height, int width)
    {
        ValidateSize(height, width);
        using var scope = NewDisposeScope();
        bool single = mask.dim() == 2;
        var batch = single ? mask.unsqueeze(0) : mask;
        if (batch.dim() != 3)
            throw new ArgumentException($"expected a label map [H, W] or a batch [B, H, W]; got {mask.dim()} dimensions.", nameof(mask));
        var resized = interpolate(batch.unsqueeze(1).to(float32), [height, width], mode: InterpolationMode.Nearest)
            .squeeze(1).round().to(int64);
        return (single ? resized.squeeze(0) : resized).MoveToOuterDisposeScope();
    }

    private static void ValidateSize(int height, int width)
    {
        if (height < 1)
            throw new ArgumentOutOfRangeException(nameof(height), height, "height must be ≥ 1.");
        if (width < 1)
            throw new ArgumentOutOfRangeException(nameof(width), width, "width must be ≥ 1.");
    }
}

/// <summary>
/// Per-channel intensity normalisation (x − mean) / std. Images stay in [0, 1] everywhere in the library (attacks measure
/// ε there); models that want normalised inputs apply this as their first operation, so gradients still reach [0, 1] images.
/// </summary>
/// <param name="Mean">Per-channel mean.</param>
/// <param name="Std">Per-channel standard deviation (each &gt; 0).</param>
public sealed record Normalization(float[] Mean, float[] Std)
{
    /// <summary>Mean and standard deviation per channel of images [N, C, H, W].</summary>
    public static Normalization Compute(Tensor images)
    {
        if (images.dim() != 4)
            throw new ArgumentException($"expected images [N, C, H, W]; got {images.dim()} dimensions.", nameof(images));
        using var scope = NewDisposeScope();
        var mean = images.mean([0, 2, 3]).cpu().data<float>().ToArray();
        var std = images.std([0, 2, 3]).clamp_min(1e-6f).cpu().data<float>().ToArray();
        return new Normalization(mean, std);
    }

    /// <summary>Applies the normalisation to [N, C, H, W] or [C, H, W] images.</summary>
    public Tensor Apply(Tensor images)
    {
        if (Mean.Length != Std.Length || Std.Any(s => s <= 0))
            throw new InvalidOperationException("Mean and Std must have the same length and Std must be positive.");
        long channels = images.shape[^3];
        if (channels != Mean.Length)
            throw new ArgumentException($"images have {channels} channels; this normalisation has {Mean.Length}.", nameof(images));
        using var scope = NewDisposeScope();
        var shape = new long[] { channels, 1, 1 };
        var mean = tensor(Mean, device: images.device).reshape(shape);
        var std = tensor(Std, device: images.device).reshape(shape);
        return ((images - mean) / std).MoveToOuterDisposeScope();
    }
}
