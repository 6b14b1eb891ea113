using System.Text;
using static TorchSharp.torch;

namespace Nlce.Tests.Training;

/// <summary>
/// Writes state dictionaries in TorchSharp's documented format byte by byte (LEB128 count; per entry LEB128-prefixed UTF-8
/// key, LEB128 element type, rank, dimensions, raw little-endian data) — as the Python exporter does — so that the
/// reader is tested against the format, not against TorchSharp's own writer only.
/// </summary>
internal static class TorchSharpFormatWriter
{
    public static void Write(string path, IEnumerable<(string Key, Tensor Value)> entries, byte[]? trailing = null)
    {
        var list = entries.ToList();
        using var stream = File.Create(path);
        Leb128(stream, list.Count);
        foreach (var (key, value) in list)
        {
            var name = Encoding.UTF8.GetBytes(key);
            Leb128(stream, name.Length);
            stream.Write(name);
            Leb128(stream, (long)value.dtype);
            Leb128(stream, value.dim());
            foreach (var d in value.shape)
                Leb128(stream, d);
            using var contiguous = value.cpu().contiguous();
            stream.Write(contiguous.bytes);
        }
        if (trailing is not null)
            stream.Write(trailing);
    }

    private static void Leb128(Stream stream, long value)
    {
        do
        {
            byte b = (byte)(value & 0x7f);
            value >>= 7;
            stream.WriteByte(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
    }
}
