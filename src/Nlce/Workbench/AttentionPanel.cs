using Nlce.Data;

namespace Nlce.Workbench;

/// <summary>
/// Draws a non-local attention row (NLCEN eq. 1–2) over the image it came from: each image pixel is tinted by the weight of
/// the key position it falls into (nearest, no smoothing, so the coarse key grid stays visible), scaled so the strongest
/// key is fully tinted, and the query pixel is marked with a cyan cross. Only for showing.
/// </summary>
public static class AttentionPanel
{
    private const float MaxTint = 0.75f;

    /// <summary>An RGB panel of <paramref name="image"/> with <paramref name="attention"/> tinted over it.</summary>
    /// <param name="image">The image the attention was computed for (grey or RGB), at the working size.</param>
    /// <param name="attention">The attention row.</param>
    /// <param name="pixelRow">Row of the query pixel in the image.</param>
    /// <param name="pixelColumn">Column of the query pixel in the image.</param>
    /// <exception cref="ArgumentOutOfRangeException">The query pixel lies outside the image.</exception>
    public static ImageData Draw(ImageData image, AttentionMapView attention, int pixelRow, int pixelColumn)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(attention);
        if (pixelRow < 0 || pixelRow >= image.Height || pixelColumn < 0 || pixelColumn >= image.Width)
            throw new ArgumentOutOfRangeException(nameof(pixelRow), $"pixel ({pixelRow}, {pixelColumn}) lies outside the {image.Width}×{image.Height} image.");
        float strongest = attention.Weights.Max();
        int width = image.Width, height = image.Height, plane = width * height;
        var rgb = new float[plane * 3];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            float weight = strongest > 0
                ? attention.Weights[(y * attention.KeyHeight / height) * attention.KeyWidth + x * attention.KeyWidth / width] / strongest
                : 0;
            float alpha = MaxTint * weight;
            // Heat colour: red at low weights, yellow at the strongest.
            float[] heat = [1f, weight, 0f];
            for (int c = 0; c < 3; c++)
            {
                float under = image[image.Channels == 3 ? c : 0, y, x];
                rgb[c * plane + y * width + x] = (1 - alpha) * under + alpha * heat[c];
            }
        }
        MarkQuery(rgb, width, height, pixelRow, pixelColumn);
        return new ImageData(width, height, 3, rgb);
    }

    private static void MarkQuery(float[] rgb, int width, int height, int row, int column)
    {
        int arm = Math.Max(1, Math.Min(width, height) / 24);
        int plane = width * height;
        for (int d = -arm; d <= arm; d++)
        {
            foreach (var (y, x) in new[] { (row + d, column), (row, column + d) })
            {
                if (y < 0 || y >= height || x < 0 || x >= width)
                    continue;
                rgb[y * width + x] = 0f;
                rgb[plane + y * width + x] = 1f;
                rgb[2 * plane + y * width + x] = 1f;
            }
        }
    }
}
