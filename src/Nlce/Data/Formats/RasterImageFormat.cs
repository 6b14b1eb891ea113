using StbImageSharp;
using StbImageWriteSharp;
using ReadComponents = StbImageSharp.ColorComponents;
using WriteComponents = StbImageWriteSharp.ColorComponents;

namespace Nlce.Data.Formats;

/// <summary>
/// PNG and JPEG images and masks, e.g. the ISBI 2016 ISIC dermoscopy JPEGs and their PNG lesion masks (reference
/// notes §4.3) and generic image/mask folders. Decoding uses StbImageSharp, encoding StbImageWriteSharp. Samples
/// are 8-bit: 16-bit PNGs are reduced to their high byte by the decoder. Damaged or truncated PNG data is an error;
/// the JPEG decoder, like libjpeg, decodes damaged entropy-coded data as best it can instead of failing.
/// </summary>
public static class RasterImageFormat
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>
    /// Reads a PNG or JPEG as an image in [0, 1] (value / 255): grey files give one channel, colour files three
    /// (R, G, B); an alpha channel is dropped (grey + alpha gives grey).
    /// </summary>
    /// <exception cref="DataFormatException">The file cannot be read, is neither PNG nor JPEG, or is corrupt.</exception>
    public static ImageData ReadImage(string path)
    {
        var decoded = Decode(path);
        var colour = decoded.Comp is ReadComponents.RedGreenBlue or ReadComponents.RedGreenBlueAlpha;
        var stride = (int)decoded.Comp;
        var channels = colour ? 3 : 1;
        var plane = decoded.Width * decoded.Height;
        var pixels = new float[plane * channels];
        for (var c = 0; c < channels; c++)
            for (var i = 0; i < plane; i++)
                pixels[c * plane + i] = decoded.Data[i * stride + c] / 255f;
        return new ImageData(decoded.Width, decoded.Height, channels, pixels);
    }

    /// <summary>
    /// Reads a PNG or JPEG mask: a pixel is foreground (1) when any of its colour samples is non-zero, background (0)
    /// otherwise; alpha is ignored. This is the ISIC convention (0 = background, 255 = lesion).
    /// </summary>
    /// <exception cref="DataFormatException">The file cannot be read, is neither PNG nor JPEG, or is corrupt.</exception>
    public static MaskData ReadMask(string path)
    {
        var decoded = Decode(path);
        var stride = (int)decoded.Comp;
        var colourSamples = decoded.Comp is ReadComponents.RedGreenBlue or ReadComponents.RedGreenBlueAlpha ? 3 : 1;
        var labels = new byte[decoded.Width * decoded.Height];
        for (var i = 0; i < labels.Length; i++)
        {
            var any = false;
            for (var c = 0; c < colourSamples; c++)
                any |= decoded.Data[i * stride + c] != 0;
            labels[i] = any ? (byte)1 : (byte)0;
        }
        return new MaskData(decoded.Width, decoded.Height, labels);
    }

    /// <summary>
    /// Reads only the size of a PNG or JPEG from its header.
    /// </summary>
    /// <exception cref="DataFormatException">The file cannot be read, is neither PNG nor JPEG, or its header is corrupt.</exception>
    public static (int Width, int Height) ReadSize(string path)
    {
        using var stream = DataFile.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        RequirePngOrJpeg(head[..read], path);
        stream.Position = 0;
        var info = ImageInfo.FromStream(stream);
        if (info is not { } found || found.Width < 1 || found.Height < 1)
            throw new DataFormatException(path, "corrupt image: its header gives no valid size.");
        return (found.Width, found.Height);
    }

    /// <summary>Writes an image as an 8-bit grey or RGB PNG (value · 255, rounded).</summary>
    /// <exception cref="ArgumentException">A pixel lies outside [0, 1].</exception>
    public static void WritePng(ImageData image, string path)
    {
        var bytes = PixelQuantizer.ToInterleavedBytes(image, nameof(image));
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.Create(path);
        new ImageWriter().WritePng(bytes, image.Width, image.Height, ComponentsOf(image), stream);
    }

    /// <summary>Writes a mask as an 8-bit grey PNG: 0 → 0, 1 → 255.</summary>
    public static void WritePng(MaskData mask, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.Create(path);
        new ImageWriter().WritePng(PixelQuantizer.MaskToBytes(mask), mask.Width, mask.Height, WriteComponents.Grey, stream);
    }

    /// <summary>
    /// Writes an image as a baseline JPEG with the given quality (1 = smallest file, 100 = best). The encoder
    /// (stb_image_write) always stores three YCbCr components, so a grey image reads back as three equal channels.
    /// </summary>
    /// <exception cref="ArgumentException">A pixel lies outside [0, 1].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> is not in 1..100.</exception>
    public static void WriteJpeg(ImageData image, string path, int quality = 90)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var bytes = PixelQuantizer.ToInterleavedBytes(image, nameof(image));
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.Create(path);
        new ImageWriter().WriteJpg(bytes, image.Width, image.Height, ComponentsOf(image), stream, quality);
    }

    private static ImageResult Decode(string path)
    {
        var bytes = DataFile.ReadAllBytes(path);
        var format = RequirePngOrJpeg(bytes, path);
        try
        {
            return ImageResult.FromMemory(bytes, ReadComponents.Default);
        }
        catch (InvalidOperationException e)
        {
            throw new DataFormatException(path, $"corrupt {format}: {DecoderReason(e)}.", inner: e);
        }
    }

    /// <summary>stb's failure reasons are terse and sometimes blank; say so rather than print an empty quote.</summary>
    internal static string DecoderReason(InvalidOperationException e) =>
        string.IsNullOrWhiteSpace(e.Message)
            ? "the decoder stopped without giving a reason (the data may be truncated)"
            : $"the decoder reports '{e.Message.Trim()}'";

    private static string RequirePngOrJpeg(ReadOnlySpan<byte> head, string path)
    {
        if (head.StartsWith(PngSignature))
            return "PNG";
        if (head.StartsWith(JpegSignature))
            return "JPEG";
        throw new DataFormatException(path, "neither a PNG nor a JPEG file: its first bytes are not a PNG or JPEG signature.", "signature");
    }

    private static WriteComponents ComponentsOf(ImageData image) =>
        image.Channels == 1 ? WriteComponents.Grey : WriteComponents.RedGreenBlue;
}
