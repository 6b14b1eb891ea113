namespace Nlce.Data.Readers;

/// <summary>
/// Halves an image's resolution by averaging each 2×2 block, the reduction that aligns 2048² JSRT images with the
/// 1024² SCR masks, which were drawn at half resolution (reference notes §4.2).
/// </summary>
internal static class TwoByTwoAverage
{
    public static ImageData Apply(ImageData image)
    {
        if (image.Width % 2 != 0 || image.Height % 2 != 0)
            throw new ArgumentException($"2×2 averaging needs even sides; got {image.Width}×{image.Height}.", nameof(image));
        int width = image.Width / 2, height = image.Height / 2;
        var pixels = new float[width * height * image.Channels];
        for (var c = 0; c < image.Channels; c++)
            for (var y = 0; y < height; y++)
            {
                var top = (c * image.Height + 2 * y) * image.Width;
                var bottom = top + image.Width;
                var output = (c * height + y) * width;
                for (var x = 0; x < width; x++)
                {
                    var sum = image.Pixels[top + 2 * x] + image.Pixels[top + 2 * x + 1]
                              + image.Pixels[bottom + 2 * x] + image.Pixels[bottom + 2 * x + 1];
                    pixels[output + x] = sum * 0.25f;
                }
            }
        return new ImageData(width, height, image.Channels, pixels);
    }
}
