using Nlce.Data;
using StbImageWriteSharp;

namespace Nlce.Charts;

/// <summary>PNG encoding of images and masks for notebook outputs (<c>image/png</c>) and reports.</summary>
public static class PngEncoder
{
    /// <summary>Encodes interleaved 8-bit RGB pixels.</summary>
    public static byte[] EncodeRgb(byte[] rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"rgb has {rgb.Length} bytes; expected width·height·3 = {width * height * 3}.", nameof(rgb));
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }

    /// <summary>Encodes an image (grey or RGB, values in [0, 1]).</summary>
    public static byte[] Encode(ImageData image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var canvas = new RgbCanvas(image.Width, image.Height);
        canvas.Draw(image, 0, 0);
        return canvas.ToPng();
    }

    /// <summary>Encodes a mask as black (0) and white (1).</summary>
    public static byte[] Encode(MaskData mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Encode(ImagePanels.FromMask(mask));
    }
}
