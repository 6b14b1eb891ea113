using Nlce.Data;

namespace Nlce.Charts;

/// <summary>
/// An 8-bit RGB raster that figure panels are drawn into (row-major, interleaved R, G, B), then encoded with
/// <see cref="PngEncoder"/>. Grey images are replicated to the three channels.
/// </summary>
public sealed class RgbCanvas
{
    public RgbCanvas(int width, int height, byte background = 255)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        Array.Fill(Pixels, background);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Interleaved RGB bytes, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Copies <paramref name="image"/> (values in [0, 1], clamped) with its top-left corner at (x, y).</summary>
    public void Draw(ImageData image, int x, int y)
    {
        ArgumentNullException.ThrowIfNull(image);
        for (var row = 0; row < image.Height; row++)
        for (var col = 0; col < image.Width; col++)
        {
            var r = image[0, row, col];
            var g = image.Channels == 3 ? image[1, row, col] : r;
            var b = image.Channels == 3 ? image[2, row, col] : r;
            Set(x + col, y + row, ToByte(r), ToByte(g), ToByte(b));
        }
    }

    /// <summary>Sets one pixel; pixels outside the canvas are ignored.</summary>
    public void Set(int x, int y, byte r, byte g, byte b)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
            return;
        var i = (y * Width + x) * 3;
        Pixels[i] = r;
        Pixels[i + 1] = g;
        Pixels[i + 2] = b;
    }

    /// <summary>Blends colour (r, g, b) over the pixel with weight <paramref name="alpha"/> in [0, 1].</summary>
    public void Blend(int x, int y, byte r, byte g, byte b, double alpha)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
            return;
        var i = (y * Width + x) * 3;
        Pixels[i] = (byte)Math.Round(Pixels[i] * (1 - alpha) + r * alpha);
        Pixels[i + 1] = (byte)Math.Round(Pixels[i + 1] * (1 - alpha) + g * alpha);
        Pixels[i + 2] = (byte)Math.Round(Pixels[i + 2] * (1 - alpha) + b * alpha);
    }

    /// <summary>The canvas as PNG bytes.</summary>
    public byte[] ToPng() => PngEncoder.EncodeRgb(Pixels, Width, Height);

    private static byte ToByte(float value) => (byte)Math.Round(Math.Clamp(value, 0f, 1f) * 255f);
}
