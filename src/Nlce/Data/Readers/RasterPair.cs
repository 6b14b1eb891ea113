using Nlce.Data.Formats;

namespace Nlce.Data.Readers;

/// <summary>An image file and its mask file (PNG/JPEG) forming one sample; their sizes must match.</summary>
internal static class RasterPair
{
    /// <summary>Compares the sizes in the two files' headers without decoding pixels.</summary>
    public static void RequireSameSize(string imagePath, string maskPath)
    {
        var (width, height) = RasterImageFormat.ReadSize(imagePath);
        var (maskWidth, maskHeight) = RasterImageFormat.ReadSize(maskPath);
        RequireSameSize(imagePath, width, height, maskPath, maskWidth, maskHeight);
    }

    /// <summary>Decodes both files into a sample named <paramref name="sample"/>.</summary>
    public static SegmentationSample Load(SampleRef sample, string imagePath, string maskPath)
    {
        var image = RasterImageFormat.ReadImage(imagePath);
        var mask = RasterImageFormat.ReadMask(maskPath);
        RequireSameSize(imagePath, image.Width, image.Height, maskPath, mask.Width, mask.Height);
        return new SegmentationSample(sample.Name, sample.Split, image, mask, $"{imagePath} + {maskPath}");
    }

    private static void RequireSameSize(string imagePath, int width, int height, string maskPath, int maskWidth, int maskHeight)
    {
        if (maskWidth != width || maskHeight != height)
            throw new DataFormatException(
                maskPath, $"mask is {maskWidth}×{maskHeight} but its image {imagePath} is {width}×{height}; they must match.", "size");
    }
}
