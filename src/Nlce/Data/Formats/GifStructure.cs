using System.Buffers.Binary;

namespace Nlce.Data.Formats;

/// <summary>
/// Checks the block framing of a GIF file up to the end of its first image (GIF89a specification sections 17-23:
/// Header, Logical Screen Descriptor, optional Global Color Table, extension blocks, Image Descriptor, optional
/// Local Color Table, LZW minimum code size and data sub-blocks). The pixel decoder tolerates files cut short, so
/// this check is what turns a truncated or mis-framed file into an error that names it.
/// </summary>
internal static class GifStructure
{
    private const int HeaderLength = 6;
    private const byte ExtensionIntroducer = 0x21;
    private const byte ImageSeparator = 0x2C;
    private const byte Trailer = 0x3B;

    /// <summary>Returns the logical screen size from the Logical Screen Descriptor (section 18).</summary>
    public static (int Width, int Height) ReadScreenSize(ReadOnlySpan<byte> file, string path)
    {
        var signature = file[..Math.Min(HeaderLength, file.Length)];
        if (!(signature.SequenceEqual("GIF87a"u8) || signature.SequenceEqual("GIF89a"u8)))
            throw new DataFormatException(path, "not a GIF file: expected it to start with 'GIF87a' or 'GIF89a'.", "signature");
        if (file.Length < HeaderLength + 4)
            throw new DataFormatException(path, "truncated: the file ends inside the Logical Screen Descriptor.", "logical screen descriptor");
        int width = BinaryPrimitives.ReadUInt16LittleEndian(file[6..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(file[8..]);
        if (width == 0 || height == 0)
            throw new DataFormatException(path, $"is {width}×{height}; expected both sides ≥ 1.", "logical screen size");
        return (width, height);
    }

    /// <summary>Walks the blocks up to the first image's block terminator, failing on truncation or unknown blocks.</summary>
    public static void RequireCompleteFirstImage(ReadOnlySpan<byte> file, string path)
    {
        ReadScreenSize(file, path);
        var position = HeaderLength + 7;
        Require(file, position, "logical screen descriptor", path);
        var screenFlags = file[10];
        if ((screenFlags & 0x80) != 0)
            position += ColourTableLength(screenFlags);
        while (true)
        {
            Require(file, position + 1, "block introducer", path);
            var introducer = file[position];
            switch (introducer)
            {
                case ExtensionIntroducer:
                    Require(file, position + 2, "extension label", path);
                    position = SkipSubBlocks(file, position + 2, "extension", path);
                    break;
                case ImageSeparator:
                    Require(file, position + 10, "image descriptor", path);
                    var imageFlags = file[position + 9];
                    position += 10;
                    if ((imageFlags & 0x80) != 0)
                        position += ColourTableLength(imageFlags);
                    Require(file, position + 1, "LZW minimum code size", path);
                    var minimumCodeSize = file[position];
                    if (minimumCodeSize is < 2 or > 8)
                        throw new DataFormatException(path, $"is {minimumCodeSize}; expected 2..8.", "LZW minimum code size");
                    SkipSubBlocks(file, position + 1, "image data", path);
                    return;
                case Trailer:
                    throw new DataFormatException(path, "the file ends (trailer 0x3B) before any image.", "image descriptor");
                default:
                    throw new DataFormatException(
                        path, $"unexpected byte 0x{introducer:X2} at offset {position}; expected an extension (0x21) or image (0x2C).",
                        "block introducer");
            }
        }
    }

    private static int ColourTableLength(byte flags) => 3 * (1 << ((flags & 0x07) + 1));

    private static int SkipSubBlocks(ReadOnlySpan<byte> file, int position, string what, string path)
    {
        while (true)
        {
            Require(file, position + 1, what + " sub-block", path);
            var length = file[position];
            position += 1 + length;
            if (length == 0)
                return position;
        }
    }

    private static void Require(ReadOnlySpan<byte> file, int end, string what, string path)
    {
        if (file.Length < end)
            throw new DataFormatException(path, $"truncated: the file ends inside the {what} ({file.Length} bytes).", what);
    }
}
