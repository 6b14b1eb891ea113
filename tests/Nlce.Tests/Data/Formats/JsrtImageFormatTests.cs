using System.Buffers.Binary;
using Nlce.Data;
using Nlce.Data.Formats;

namespace Nlce.Tests.Data.Formats;

public sealed class JsrtImageFormatTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_maps_big_endian_raw_values_to_inverted_display_values()
    {
        var path = _folder.File("JPCLN001.IMG");
        var raw = new byte[JsrtImageFormat.FileLength];
        // pixel 0: raw 0 (display white); pixel 1: 4095 (black); pixel 2: 0x0123 = 291; last pixel: 5000 (clipped to 4095).
        BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(0), 0);
        BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(2), 4095);
        raw[4] = 0x01;
        raw[5] = 0x23;
        BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(raw.Length - 2), 5000);
        File.WriteAllBytes(path, raw);

        var image = JsrtImageFormat.Read(path);

        Assert.Equal((2048, 2048, 1), (image.Width, image.Height, image.Channels));
        Assert.Equal(1f, image[0, 0, 0]);
        Assert.Equal(0f, image[0, 0, 1]);
        Assert.Equal((4095 - 291) / 4095f, image[0, 0, 2], 6);
        Assert.Equal(0f, image[0, 2047, 2047]);
        Assert.Equal(1f, image[0, 1, 0]); // raw 0 elsewhere
    }

    [Fact]
    public void Write_then_read_reproduces_every_12_bit_level()
    {
        var path = _folder.File("JPCNN002.IMG");
        var pixels = new float[2048 * 2048];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = (int)((long)i * 7919 % 4096) / 4095f; // 7919 is odd, so every level 0..4095 occurs
        JsrtImageFormat.Write(new ImageData(2048, 2048, 1, pixels), path);

        Assert.Equal(JsrtImageFormat.FileLength, new FileInfo(path).Length);
        var back = JsrtImageFormat.Read(path);
        var firstMismatch = -1;
        for (var i = 0; i < pixels.Length && firstMismatch < 0; i++)
            if (MathF.Abs(pixels[i] - back.Pixels[i]) >= 1e-6f)
                firstMismatch = i;
        Assert.Equal(-1, firstMismatch);
        // Stored big-endian and inverted: display 1 → raw 0, display 0 → raw 4095.
        var bytes = File.ReadAllBytes(path);
        var firstRaw = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        Assert.Equal(4095 - (int)MathF.Round(pixels[0] * 4095), firstRaw);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(8_388_607, true)]
    [InlineData(4_194_304, true)]
    [InlineData(8_388_609, false)]
    public void Read_rejects_a_file_of_the_wrong_length_naming_the_file_and_both_lengths(int length, bool truncated)
    {
        var path = _folder.File("JPCLN003.IMG");
        File.WriteAllBytes(path, new byte[length]);

        var error = Assert.Throws<DataFormatException>(() => JsrtImageFormat.Read(path));

        Assert.Equal(path, error.Path);
        Assert.Equal("length", error.Field);
        Assert.Contains(path, error.Message);
        Assert.Contains(length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes", error.Message);
        Assert.Contains("8,388,608", error.Message);
        Assert.Equal(truncated, error.Message.Contains("truncated"));
    }

    [Fact]
    public void Read_of_a_missing_file_names_it()
    {
        var path = Path.Combine(_folder.Root, "absent.IMG");
        var error = Assert.Throws<DataFormatException>(() => JsrtImageFormat.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(1024, 2048, 1)]
    [InlineData(2048, 2048, 3)]
    public void Write_rejects_images_that_are_not_2048_square_grey(int width, int height, int channels)
    {
        var image = new ImageData(width, height, channels, new float[width * height * channels]);
        Assert.Throws<ArgumentException>("image", () => JsrtImageFormat.Write(image, _folder.File("x.IMG")));
    }
}
