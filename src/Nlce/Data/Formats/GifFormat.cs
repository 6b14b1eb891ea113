using StbImageSharp;

namespace Nlce.Data.Formats;

/// <summary>
/// GIF files as used for the SCR lung masks (van Ginneken et al. 2006; reference notes §4.2): 1024 × 1024,
/// 0 = background, non-zero (255) = object. Reading decodes the first frame of any GIF87a/GIF89a file with
/// StbImageSharp; writing is a GIF89a encoder for 8-bit grey or binary rasters (GIF89a specification sections
/// 17 Header, 18 Logical Screen Descriptor, 19 Global Color Table, 20 Image Descriptor, 22 Table Based Image Data,
/// 27 Trailer) whose colour table holds only the grey levels present.
/// </summary>
public static class GifFormat
{
    private const int MaxSubBlockLength = 255;

    /// <summary>
    /// Reads the first frame as 8-bit values: the palette colour of each pixel, as its grey level when the colour is
    /// grey (r = g = b), else its luma round(0.299 r + 0.587 g + 0.114 b).
    /// </summary>
    /// <exception cref="DataFormatException">The file cannot be read, is not a GIF, or is corrupt.</exception>
    public static GreyRaster Read(string path)
    {
        var bytes = DataFile.ReadAllBytes(path);
        GifStructure.RequireCompleteFirstImage(bytes, path);
        ImageResult decoded;
        try
        {
            decoded = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlueAlpha);
        }
        catch (InvalidOperationException e)
        {
            throw new DataFormatException(path, $"corrupt GIF: {RasterImageFormat.DecoderReason(e)}.", inner: e);
        }
        var values = new byte[decoded.Width * decoded.Height];
        for (var i = 0; i < values.Length; i++)
        {
            int r = decoded.Data[4 * i], g = decoded.Data[4 * i + 1], b = decoded.Data[4 * i + 2];
            values[i] = r == g && g == b
                ? (byte)r
                : (byte)Math.Round(0.299 * r + 0.587 * g + 0.114 * b, MidpointRounding.AwayFromZero);
        }
        return new GreyRaster(decoded.Width, decoded.Height, values);
    }

    /// <summary>Reads a GIF mask: 0 = background, any non-zero grey level = object (the SCR convention).</summary>
    public static MaskData ReadMask(string path) => Read(path).ToMask();

    /// <summary>
    /// Reads only the Logical Screen Descriptor (specification section 18) and returns the image size, so a reader
    /// can check mask sizes without decoding pixels.
    /// </summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        Span<byte> head = stackalloc byte[10];
        using (var stream = DataFile.OpenRead(path))
        {
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..read];
        }
        return GifStructure.ReadScreenSize(head, path);
    }

    /// <summary>Writes an 8-bit raster as a single-image GIF89a file.</summary>
    public static void Write(GreyRaster raster, string path)
    {
        ArgumentNullException.ThrowIfNull(raster);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, Encode(raster));
    }

    /// <summary>Writes a mask as a two-colour GIF89a file with the SCR convention: 0 → black (0), 1 → white (255).</summary>
    public static void Write(MaskData mask, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        Write(new GreyRaster(mask.Width, mask.Height, PixelQuantizer.MaskToBytes(mask)), path);
    }

    /// <summary>Encodes an 8-bit raster as the bytes of a GIF89a file.</summary>
    public static byte[] Encode(GreyRaster raster)
    {
        ArgumentNullException.ThrowIfNull(raster);
        if (raster.Width > ushort.MaxValue || raster.Height > ushort.MaxValue)
            throw new ArgumentException(
                $"GIF sizes are 16-bit; {raster.Width}×{raster.Height} exceeds {ushort.MaxValue}.", nameof(raster));

        var palette = GreyLevelsPresent(raster.Values);
        var tableBits = Math.Max(1, BitLength(palette.Length - 1));
        var indexOf = new byte[256];
        for (var i = 0; i < palette.Length; i++)
            indexOf[palette[i]] = (byte)i;
        var indices = new byte[raster.Values.Length];
        for (var i = 0; i < indices.Length; i++)
            indices[i] = indexOf[raster.Values[i]];

        // The LZW minimum code size is the table's bit depth, but at least 2 (specification Appendix F).
        var minimumCodeSize = Math.Max(2, tableBits);
        var compressed = GifLzwEncoder.Encode(indices, minimumCodeSize);

        using var file = new MemoryStream(compressed.Length + compressed.Length / MaxSubBlockLength + 64 + 3 * 256);
        file.Write("GIF89a"u8);
        WriteUInt16(file, raster.Width);
        WriteUInt16(file, raster.Height);
        // Packed fields: global colour table present (bit 7), 8 bits per primary (bits 4-6 = 7), not sorted,
        // table size 2^(tableBits) stored as tableBits − 1 (bits 0-2).
        file.WriteByte((byte)(0x80 | (7 << 4) | (tableBits - 1)));
        file.WriteByte(0); // background colour index
        file.WriteByte(0); // pixel aspect ratio: not given
        for (var i = 0; i < 1 << tableBits; i++)
        {
            var level = i < palette.Length ? palette[i] : (byte)0;
            file.WriteByte(level);
            file.WriteByte(level);
            file.WriteByte(level);
        }
        file.WriteByte(0x2C); // image separator
        WriteUInt16(file, 0);
        WriteUInt16(file, 0);
        WriteUInt16(file, raster.Width);
        WriteUInt16(file, raster.Height);
        file.WriteByte(0); // no local colour table, not interlaced
        file.WriteByte((byte)minimumCodeSize);
        for (var offset = 0; offset < compressed.Length; offset += MaxSubBlockLength)
        {
            var length = Math.Min(MaxSubBlockLength, compressed.Length - offset);
            file.WriteByte((byte)length);
            file.Write(compressed, offset, length);
        }
        file.WriteByte(0); // block terminator
        file.WriteByte(0x3B); // trailer
        return file.ToArray();
    }

    private static byte[] GreyLevelsPresent(byte[] values)
    {
        var present = new bool[256];
        foreach (var v in values)
            present[v] = true;
        var levels = new List<byte>();
        for (var v = 0; v < 256; v++)
            if (present[v])
                levels.Add((byte)v);
        return levels.ToArray();
    }

    private static int BitLength(int value) => value == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value);

    private static void WriteUInt16(Stream stream, int value)
    {
        stream.WriteByte((byte)value);
        stream.WriteByte((byte)(value >> 8));
    }
}
