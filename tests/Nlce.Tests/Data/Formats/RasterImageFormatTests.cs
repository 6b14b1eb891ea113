using Nlce.Data;
using Nlce.Data.Formats;
using StbImageWriteSharp;

namespace Nlce.Tests.Data.Formats;

public sealed class RasterImageFormatTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 33, 17)]
    [InlineData(3, 33, 17)]
    [InlineData(3, 2, 5)]
    public void Png_round_trip_is_exact_on_8_bit_levels(int channels, int width, int height)
    {
        var image = MakeImage(channels, width, height, smooth: false);
        var path = _folder.File("image.png");

        RasterImageFormat.WritePng(image, path);
        var back = RasterImageFormat.ReadImage(path);

        Assert.Equal((width, height, channels), (back.Width, back.Height, back.Channels));
        Assert.Equal(image.Pixels, back.Pixels);
        Assert.Equal((width, height), RasterImageFormat.ReadSize(path));
    }

    [Theory]
    [InlineData(95, 3.0)]
    [InlineData(50, 6.0)]
    public void Jpeg_round_trip_stays_close_on_a_smooth_colour_image(int quality, double maxMeanError255)
    {
        var image = MakeImage(3, 64, 48, smooth: true);
        var path = _folder.File("image.jpg");

        RasterImageFormat.WriteJpeg(image, path, quality);
        var back = RasterImageFormat.ReadImage(path);

        Assert.Equal((64, 48, 3), (back.Width, back.Height, back.Channels));
        var meanError = image.Pixels.Zip(back.Pixels, (a, b) => Math.Abs(a - b)).Average() * 255;
        Assert.True(meanError < maxMeanError255, $"mean absolute error {meanError:F2}/255 at quality {quality}");
    }

    [Fact]
    public void Grey_jpeg_is_written_as_three_equal_channels()
    {
        // stb_image_write always encodes three YCbCr components; with constant chroma they decode to R = G = B.
        var image = MakeImage(1, 64, 48, smooth: true);
        var path = _folder.File("grey.jpg");

        RasterImageFormat.WriteJpeg(image, path, 95);
        var back = RasterImageFormat.ReadImage(path);

        Assert.Equal(3, back.Channels);
        var plane = 64 * 48;
        for (var i = 0; i < plane; i++)
        {
            Assert.Equal(back.Pixels[i], back.Pixels[plane + i]);
            Assert.Equal(back.Pixels[i], back.Pixels[2 * plane + i]);
        }
        var meanError = image.Pixels.Zip(back.Pixels[..plane], (a, b) => Math.Abs(a - b)).Average() * 255;
        Assert.True(meanError < 2.0, $"mean absolute error {meanError:F2}/255");
    }

    [Fact]
    public void Lower_jpeg_quality_gives_a_smaller_file()
    {
        var image = MakeImage(3, 64, 64, smooth: false);
        var high = _folder.File("q95.jpg");
        var low = _folder.File("q20.jpg");
        RasterImageFormat.WriteJpeg(image, high, 95);
        RasterImageFormat.WriteJpeg(image, low, 20);
        Assert.True(new FileInfo(low).Length < new FileInfo(high).Length);
    }

    [Theory]
    [InlineData(ColorComponents.GreyAlpha, 1)]
    [InlineData(ColorComponents.RedGreenBlueAlpha, 3)]
    public void Alpha_is_dropped(ColorComponents components, int expectedChannels)
    {
        var stride = (int)components;
        var bytes = new byte[3 * 2 * stride];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(i * 17);
        var path = _folder.File("alpha.png");
        using (var stream = File.Create(path))
            new ImageWriter().WritePng(bytes, 3, 2, components, stream);

        var image = RasterImageFormat.ReadImage(path);

        Assert.Equal(expectedChannels, image.Channels);
        for (var c = 0; c < expectedChannels; c++)
            for (var p = 0; p < 6; p++)
                Assert.Equal(bytes[p * stride + c] / 255f, image.Pixels[c * 6 + p]);
    }

    [Fact]
    public void Mask_round_trip_and_any_non_zero_colour_is_foreground()
    {
        var labels = new byte[] { 0, 1, 1, 0, 0, 1 };
        var path = _folder.File("mask.png");
        RasterImageFormat.WritePng(new MaskData(3, 2, labels), path);
        Assert.Equal(labels, RasterImageFormat.ReadMask(path).Labels);

        // A colour mask whose only non-zero sample is blue: still foreground.
        var rgb = new byte[] { 0, 0, 0, 0, 0, 1, 9, 0, 0, 0, 0, 0 };
        var colourPath = _folder.File("colour-mask.png");
        using (var stream = File.Create(colourPath))
            new ImageWriter().WritePng(rgb, 4, 1, ColorComponents.RedGreenBlue, stream);
        Assert.Equal(new byte[] { 0, 1, 1, 0 }, RasterImageFormat.ReadMask(colourPath).Labels);
    }

    public static TheoryData<string, byte[]> BadFiles => new()
    {
        { "empty.png", [] },
        { "text.png", "this is not an image"u8.ToArray() },
        { "gif-named-png.png", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Unrecognised_files_are_rejected_naming_the_file(string name, byte[] content)
    {
        var path = _folder.File(name);
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<DataFormatException>(() => RasterImageFormat.ReadImage(path));
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Throws<DataFormatException>(() => RasterImageFormat.ReadMask(path));
        Assert.Throws<DataFormatException>(() => RasterImageFormat.ReadSize(path));
    }

    [Fact]
    public void Corrupt_png_is_rejected_naming_the_file()
    {
        var path = _folder.File("ISIC_0000000_Segmentation.png");
        RasterImageFormat.WritePng(MakeImage(1, 40, 40, smooth: false), path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => RasterImageFormat.ReadMask(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("corrupt PNG", error.Message);
    }

    [Fact]
    public void Missing_file_is_reported_as_a_data_format_error_naming_it()
    {
        var path = Path.Combine(_folder.Root, "nope.jpg");
        var error = Assert.Throws<DataFormatException>(() => RasterImageFormat.ReadImage(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Writers_reject_out_of_range_pixels_and_bad_quality()
    {
        var image = new ImageData(2, 1, 1, [0.5f, 1.5f]);
        Assert.Throws<ArgumentException>("image", () => RasterImageFormat.WritePng(image, _folder.File("bad.png")));
        var nan = new ImageData(1, 1, 1, [float.NaN]);
        Assert.Throws<ArgumentException>("image", () => RasterImageFormat.WriteJpeg(nan, _folder.File("bad.jpg")));
        var fine = new ImageData(1, 1, 1, [0.5f]);
        Assert.Throws<ArgumentOutOfRangeException>("quality", () => RasterImageFormat.WriteJpeg(fine, _folder.File("q.jpg"), 0));
        Assert.Throws<ArgumentOutOfRangeException>("quality", () => RasterImageFormat.WriteJpeg(fine, _folder.File("q.jpg"), 101));
    }

    internal static ImageData MakeImage(int channels, int width, int height, bool smooth)
    {
        var random = new Random(width * 1000 + height * 10 + channels);
        var pixels = new float[channels * width * height];
        for (var c = 0; c < channels; c++)
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    var level = smooth
                        ? (int)(127.5 + 100 * Math.Sin(0.1 * x + 0.7 * c) * Math.Cos(0.13 * y))
                        : random.Next(256);
                    pixels[(c * height + y) * width + x] = level / 255f;
                }
        return new ImageData(width, height, channels, pixels);
    }
}
