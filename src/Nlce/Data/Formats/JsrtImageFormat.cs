using System.Buffers.Binary;
using System.Globalization;

namespace Nlce.Data.Formats;

/// <summary>
/// The JSRT chest radiograph raw format (Shiraishi et al., AJR 2000; reference notes §4.1): 2048 × 2048 pixels,
/// unsigned 16-bit big-endian, row-major, no header, 12-bit values 0..4095 whose grey scale is inverted with
/// respect to the usual radiograph display. A file is therefore exactly 8,388,608 bytes.
/// </summary>
public static class JsrtImageFormat
{
    /// <summary>Width and height of every JSRT image, in pixels.</summary>
    public const int Side = 2048;

    /// <summary>Largest raw value of the 12-bit grey scale.</summary>
    public const int MaxRawValue = 4095;

    /// <summary>Exact size of a JSRT <c>.IMG</c> file: 2048 · 2048 · 2 bytes.</summary>
    public const long FileLength = (long)Side * Side * sizeof(ushort);

    /// <summary>
    /// Reads a JSRT <c>.IMG</c> file as a one-channel image in display orientation:
    /// display = (4095 − min(raw, 4095)) / 4095, so lungs (air) are dark as on a viewing box.
    /// </summary>
    /// <exception cref="DataFormatException">The file cannot be read or is not exactly 8,388,608 bytes long.</exception>
    public static ImageData Read(string path)
    {
        using var stream = DataFile.OpenRead(path);
        if (stream.Length != FileLength)
            throw WrongLength(path, stream.Length);
        var raw = new byte[FileLength];
        DataFile.ReadExactly(stream, raw, path, "the 2048×2048 pixel array");
        var pixels = new float[Side * Side];
        for (var i = 0; i < pixels.Length; i++)
        {
            var value = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(2 * i, 2)), (ushort)MaxRawValue);
            pixels[i] = (MaxRawValue - value) / (float)MaxRawValue;
        }
        return new ImageData(Side, Side, 1, pixels);
    }

    /// <summary>Checks, without reading any pixel, that the file exists and is exactly 8,388,608 bytes long.</summary>
    /// <exception cref="DataFormatException">The file is missing, unreadable, or of another length.</exception>
    public static void ValidateLength(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be read ({e.Message}).", inner: e);
        }
        if (length != FileLength)
            throw WrongLength(path, length);
    }

    /// <summary>
    /// Writes a 2048 × 2048 grey image as a JSRT <c>.IMG</c> file, inverting the mapping of <see cref="Read"/>:
    /// raw = 4095 − round(display · 4095), big-endian. Used to export phantoms in the real format and in tests.
    /// </summary>
    /// <exception cref="ArgumentException">The image is not 2048 × 2048 grey, or a pixel lies outside [0, 1].</exception>
    public static void Write(ImageData image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (image.Width != Side || image.Height != Side || image.Channels != 1)
            throw new ArgumentException(
                $"a JSRT image must be {Side}×{Side} with 1 channel; got {image.Width}×{image.Height} with {image.Channels}.",
                nameof(image));
        var raw = new byte[FileLength];
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            var display = image.Pixels[i];
            if (!(display >= 0f && display <= 1f))
                throw new ArgumentException($"pixel value {display} at index {i} is outside [0, 1].", nameof(image));
            var value = MaxRawValue - (int)MathF.Round(display * MaxRawValue, MidpointRounding.AwayFromZero);
            BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(2 * i, 2), (ushort)value);
        }
        File.WriteAllBytes(path, raw);
    }

    private static DataFormatException WrongLength(string path, long length) =>
        new(path,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{(length < FileLength ? "truncated: " : "")}{length:N0} bytes; a JSRT image is exactly {FileLength:N0} bytes " +
                $"({Side}×{Side} unsigned 16-bit big-endian values, no header)."),
            "length");
}
