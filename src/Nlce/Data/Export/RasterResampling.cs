namespace Nlce.Data.Export;

/// <summary>Resampling of reader-level rasters without the native runtime: bilinear for images, nearest neighbour for masks.</summary>
public static class RasterResampling
{
    /// <summary>Bilinear resampling with pixel centres aligned (half-pixel convention), per channel.</summary>
    public static ImageData Image(ImageData source, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (source.Width == width && source.Height == height)
            return source;
        var pixels = new float[source.Channels * width * height];
        double sx = (double)source.Width / width, sy = (double)source.Height / height;
        for (int y = 0; y < height; y++)
        {
            double fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, source.Height - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, source.Height - 1);
            float wy = (float)(fy - y0);
            for (int x = 0; x < width; x++)
            {
                double fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, source.Width - 1);
                int x0 = (int)fx, x1 = Math.Min(x0 + 1, source.Width - 1);
                float wx = (float)(fx - x0);
                for (int c = 0; c < source.Channels; c++)
                {
                    float top = source[c, y0, x0] * (1 - wx) + source[c, y0, x1] * wx;
                    float bottom = source[c, y1, x0] * (1 - wx) + source[c, y1, x1] * wx;
                    pixels[(c * height + y) * width + x] = top * (1 - wy) + bottom * wy;
                }
            }
        }
        return new ImageData(width, height, source.Channels, pixels);
    }

    /// <summary>Nearest-neighbour resampling (labels stay labels).</summary>
    public static MaskData Mask(MaskData source, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (source.Width == width && source.Height == height)
            return source;
        var labels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            int sy = Math.Min(source.Height - 1, (int)((y + 0.5) * source.Height / height));
            for (int x = 0; x < width; x++)
                labels[y * width + x] = source[sy, Math.Min(source.Width - 1, (int)((x + 0.5) * source.Width / width))];
        }
        return new MaskData(width, height, labels);
    }
}
