using static TorchSharp.torch;

namespace Nlce.Data.Tensors;

/// <summary>Conversions between the reader-level <see cref="ImageData"/>/<see cref="MaskData"/> and tensors.</summary>
public static class ImageTensors
{
    /// <summary>Image → float32 tensor [C, H, W] in [0, 1] (planar layout is kept as is).</summary>
    public static Tensor FromImage(ImageData image) =>
        tensor(image.Pixels, [image.Channels, image.Height, image.Width], float32);

    /// <summary>Mask → int64 label tensor [H, W] (0 background, 1 foreground).</summary>
    public static Tensor FromMask(MaskData mask) =>
        tensor(mask.Labels, [mask.Height, mask.Width], uint8).to(int64);

    /// <summary>Tensor [C, H, W] (or [H, W]) with values in [0, 1] → image; values are clamped to [0, 1].</summary>
    public static ImageData ToImage(Tensor image)
    {
        using var scope = NewDisposeScope();
        var chw = image.dim() == 2 ? image.unsqueeze(0) : image;
        if (chw.dim() != 3)
            throw new ArgumentException($"expected an image [C, H, W] or [H, W]; got {image.dim()} dimensions.", nameof(image));
        var values = chw.detach().to(float32).clamp(0, 1).cpu().contiguous().data<float>().ToArray();
        return new ImageData((int)chw.shape[2], (int)chw.shape[1], (int)chw.shape[0], values);
    }

    /// <summary>Label tensor [H, W] → mask; non-zero labels become 1.</summary>
    public static MaskData ToMask(Tensor labels)
    {
        using var scope = NewDisposeScope();
        if (labels.dim() != 2)
            throw new ArgumentException($"expected a label map [H, W]; got {labels.dim()} dimensions.", nameof(labels));
        var values = labels.ne(0).to(uint8).cpu().contiguous().data<byte>().ToArray();
        return new MaskData((int)labels.shape[1], (int)labels.shape[0], values);
    }
}
