using Nlce.Data;
using Nlce.Data.Formats;

namespace Nlce.Tests.Data.Formats;

public sealed class GifFormatTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, int, int> Rasters => new()
    {
        // name, width, height
        { "binary", 1, 1 },
        { "binary", 7, 5 },
        { "binary", 1024, 1024 },
        { "three-levels", 13, 3 },
        { "noise-256", 101, 67 },
        { "noise-256", 511, 257 },
        { "noise-5", 300, 200 },
        { "ramp", 256, 3 },
        { "constant-200", 9, 9 },
    };

    [Theory]
    [MemberData(nameof(Rasters))]
    public void Encoded_gif_decodes_to_the_same_values(string kind, int width, int height)
    {
        var raster = MakeRaster(kind, width, height, seed: width * 31 + height);
        var path = _folder.File($"{kind}-{width}x{height}.gif");

        GifFormat.Write(raster, path);
        var back = GifFormat.Read(path);

        Assert.Equal((width, height), (back.Width, back.Height));
        Assert.Equal(raster.Values, back.Values);
        Assert.Equal((width, height), GifFormat.ReadSize(path));
    }

    [Fact]
    public void Noisy_image_exercises_full_12_bit_tables_and_clear_codes()
    {
        // 8-bit noise leaves LZW little to match, so the 4096-entry table fills after ~4000 codes and resets many
        // times; a decoder that disagrees with the encoder on code widths or Clear placement scrambles the pixels.
        var raster = MakeRaster("noise-256", 640, 480, seed: 7);
        var bytes = GifFormat.Encode(raster);
        Assert.True(bytes.Length > 640 * 480, "8-bit noise should not compress; expected more than one byte per pixel.");
        var path = _folder.File("noise.gif");
        File.WriteAllBytes(path, bytes);

        Assert.Equal(raster.Values, GifFormat.Read(path).Values);
    }

    [Fact]
    public void Palette_holds_only_the_grey_levels_present_so_indices_differ_from_values()
    {
        var values = new byte[] { 200, 7, 7, 31, 200, 31, 7, 200, 31, 255, 0, 7 };
        var raster = new GreyRaster(4, 3, values);
        var bytes = GifFormat.Encode(raster);

        // Packed byte of the logical screen descriptor: global table present, 8-bit colour, 2^(2+1) = 8 entries.
        Assert.Equal(0x80 | 0x70 | 2, bytes[10]);
        // Entries sorted by grey level: index 0 → 0, 1 → 7, 2 → 31, 3 → 200, 4 → 255, rest padding.
        var table = bytes.AsSpan(13, 3 * 8).ToArray();
        Assert.Equal(new byte[] { 0, 0, 0, 7, 7, 7, 31, 31, 31, 200, 200, 200, 255, 255, 255 }, table[..15]);
        var path = _folder.File("palette.gif");
        File.WriteAllBytes(path, bytes);

        Assert.Equal(values, GifFormat.Read(path).Values);
    }

    [Fact]
    public void Encoded_file_has_gif89a_framing()
    {
        var raster = MakeRaster("noise-256", 40, 30, seed: 3);
        var bytes = GifFormat.Encode(raster);

        Assert.Equal("GIF89a"u8.ToArray(), bytes[..6]);
        Assert.Equal(40, bytes[6] | bytes[7] << 8);
        Assert.Equal(30, bytes[8] | bytes[9] << 8);
        var imageStart = 13 + 3 * 256;
        Assert.Equal(0x2C, bytes[imageStart]);
        Assert.Equal(8, bytes[imageStart + 10]); // LZW minimum code size for a 256-entry table
        // Walk the data sub-blocks: each is a length byte (1..255) then data; a zero-length block ends them.
        var position = imageStart + 11;
        var blocks = 0;
        while (bytes[position] != 0)
        {
            position += 1 + bytes[position];
            blocks++;
        }
        Assert.True(blocks > 1);
        Assert.Equal(0x3B, bytes[position + 1]);
        Assert.Equal(bytes.Length, position + 2);
    }

    [Fact]
    public void Mask_round_trip_uses_0_and_255_and_reads_non_zero_as_object()
    {
        var labels = new byte[17 * 11];
        for (var i = 0; i < labels.Length; i++)
            labels[i] = (byte)(i % 3 == 0 ? 1 : 0);
        var path = _folder.File("mask.gif");
        GifFormat.Write(new MaskData(17, 11, labels), path);

        Assert.Equal(labels, GifFormat.ReadMask(path).Labels);
        Assert.All(GifFormat.Read(path).Values, v => Assert.True(v is 0 or 255));
    }

    [Fact]
    public void Read_maps_a_coloured_palette_entry_to_its_luma()
    {
        // Hand-built GIF: 2×1 pixels, palette [ (0,0,0), (255,0,0) ], pixels [1, 0].
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange(new byte[] { 2, 0, 1, 0, 0xF0, 0, 0 });
        bytes.AddRange(new byte[] { 0, 0, 0, 255, 0, 0 });
        bytes.AddRange(new byte[] { 0x2C, 0, 0, 0, 0, 2, 0, 1, 0, 0 });
        // LZW, minimum code size 2 → 3-bit codes: Clear(4), 1, 0, End(5) packed LSB first.
        var code = 4 | 1 << 3 | 0 << 6 | 5 << 9;
        bytes.AddRange(new byte[] { 2, 2, (byte)code, (byte)(code >> 8), 0, 0x3B });
        var path = _folder.File("red.gif");
        File.WriteAllBytes(path, bytes.ToArray());

        var raster = GifFormat.Read(path);

        Assert.Equal(new byte[] { 76, 0 }, raster.Values); // round(0.299 · 255) = 76
    }

    [Fact]
    public void Read_rejects_a_file_that_is_not_a_gif_naming_it_and_the_signature()
    {
        var path = _folder.File("left lung/JPCLN001.gif");
        File.WriteAllBytes(path, "PNG?not a gif"u8.ToArray());

        var error = Assert.Throws<DataFormatException>(() => GifFormat.Read(path));

        Assert.Equal(path, error.Path);
        Assert.Equal("signature", error.Field);
        Assert.Contains(path, error.Message);
        Assert.Throws<DataFormatException>(() => GifFormat.ReadSize(path));
    }

    [Fact]
    public void Read_rejects_a_truncated_gif_naming_it()
    {
        var bytes = GifFormat.Encode(MakeRaster("noise-256", 64, 64, seed: 1));
        var path = _folder.File("cut.gif");
        File.WriteAllBytes(path, bytes[..(13 + 3 * 256 + 5)]);

        var error = Assert.Throws<DataFormatException>(() => GifFormat.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Extension_blocks_before_the_image_are_skipped()
    {
        var raster = MakeRaster("noise-5", 30, 20, seed: 11);
        var bytes = GifFormat.Encode(raster).ToList();
        var afterColourTable = 13 + 3 * 8; // five grey levels → an 8-entry table
        byte[] extensions =
        [
            0x21, 0xF9, 4, 0, 0, 0, 0, 0,       // graphic control extension
            0x21, 0xFE, 5, .."hello"u8, 3, .."abc"u8, 0, // comment extension in two sub-blocks
        ];
        bytes.InsertRange(afterColourTable, extensions);
        var path = _folder.File("extensions.gif");
        File.WriteAllBytes(path, bytes.ToArray());

        Assert.Equal(raster.Values, GifFormat.Read(path).Values);
    }

    [Theory]
    [InlineData(0x99, "block introducer")]
    [InlineData(0x3B, "image descriptor")]
    public void A_file_without_a_proper_first_image_is_rejected_naming_the_block(byte introducer, string field)
    {
        var bytes = GifFormat.Encode(MakeRaster("binary", 8, 8, seed: 0));
        bytes[13 + 3 * 2] = introducer; // the byte after the two-entry colour table
        var path = _folder.File("misframed.gif");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DataFormatException>(() => GifFormat.Read(path));

        Assert.Equal(field, error.Field);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Encode_rejects_sizes_beyond_16_bits()
    {
        var raster = new GreyRaster(70_000, 1, new byte[70_000]);
        Assert.Throws<ArgumentException>("raster", () => GifFormat.Encode(raster));
    }

    internal static GreyRaster MakeRaster(string kind, int width, int height, int seed)
    {
        var random = new Random(seed);
        var values = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                values[i] = kind switch
                {
                    "binary" => (x - width / 2) * (x - width / 2) + (y - height / 2) * (y - height / 2) < width * height / 8 ? (byte)255 : (byte)0,
                    "three-levels" => (byte)(new byte[] { 0, 128, 255 })[(x + y) % 3],
                    "noise-256" => (byte)random.Next(256),
                    "noise-5" => (byte)(random.Next(5) * 60),
                    "ramp" => (byte)x,
                    "constant-200" => 200,
                    _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
                };
            }
        return new GreyRaster(width, height, values);
    }
}
