using Nlce.Data;
using Nlce.Data.Formats;

namespace Nlce.Tests.Data.Readers;

/// <summary>Small image and mask files for the raster dataset tests.</summary>
internal static class RasterFixtures
{
    /// <summary>Writes a smooth grey or RGB image as PNG or JPEG (by extension) and returns it.</summary>
    public static ImageData WriteImage(string path, int width, int height, int channels)
    {
        var pixels = new float[width * height * channels];
        for (var c = 0; c < channels; c++)
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    pixels[(c * height + y) * width + x] = (x * 7 + y * 3 + c * 50) % 256 / 255f;
        var image = new ImageData(width, height, channels, pixels);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            RasterImageFormat.WritePng(image, path);
        else
            RasterImageFormat.WriteJpeg(image, path, 95);
        return image;
    }

    /// <summary>Writes a mask PNG whose left <paramref name="foregroundColumns"/> columns are foreground.</summary>
    public static MaskData WriteMask(string path, int width, int height, int foregroundColumns)
    {
        var labels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < Math.Min(foregroundColumns, width); x++)
                labels[y * width + x] = 1;
        var mask = new MaskData(width, height, labels);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        RasterImageFormat.WritePng(mask, path);
        return mask;
    }
}
