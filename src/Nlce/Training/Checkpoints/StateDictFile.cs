using System.Text;
using Nlce.Data;
using static TorchSharp.torch;

namespace Nlce.Training.Checkpoints;

/// <summary>
/// Reader of TorchSharp's state-dictionary format — what <c>Module.save</c> writes and TorchSharp's documented Python
/// exporter produces (TorchSharp docs, "Saving and Restoring Model Weights and Buffers"): an unsigned LEB128 entry count,
/// then per entry the key (LEB128 byte length + UTF-8, as .NET's <c>BinaryWriter.Write(string)</c>), the element type
/// (LEB128 libtorch <c>ScalarType</c> code), the rank and each dimension (LEB128), and the elements' raw little-endian
/// bytes. Reading the file ourselves, rather than through <c>Module.load</c>, lets every mismatch be reported by key and shape.
/// </summary>
public static class StateDictFile
{
    /// <summary>
    /// Reads every entry of <paramref name="path"/> into CPU tensors, in file order. Truncated data, unknown element
    /// types, repeated keys and trailing bytes are <see cref="DataFormatException"/>s naming the file and the entry.
    /// The caller owns (disposes) the tensors.
    /// </summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found; expected a state dictionary in TorchSharp's format.");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            long count = ReadLength(reader, path, "entry count");
            if (count > stream.Length)
                throw new DataFormatException(path, $"claims {count} entries in {stream.Length} bytes; not a TorchSharp state dictionary.", "entry count");
            for (long i = 0; i < count; i++)
            {
                string key = ReadKey(reader, path, i);
                if (entries.ContainsKey(key))
                    throw new DataFormatException(path, "appears twice; keys must be unique.", key);
                entries.Add(key, ReadTensor(reader, path, key));
            }
            if (stream.Position != stream.Length)
                throw new DataFormatException(path, $"{stream.Length - stream.Position} unexpected byte(s) after the last of {count} entries.");
            return entries;
        }
        catch
        {
            foreach (var tensor in entries.Values)
                tensor.Dispose();
            throw;
        }
    }

    private static string ReadKey(BinaryReader reader, string path, long index)
    {
        try
        {
            return reader.ReadString();
        }
        catch (EndOfStreamException e)
        {
            throw new DataFormatException(path, $"ends inside the key of entry {index}; the file is truncated.", inner: e);
        }
    }

    private static Tensor ReadTensor(BinaryReader reader, string path, string key)
    {
        long code = ReadLength(reader, path, key);
        var (type, elementSize) = ElementType(code, path, key);
        long rank = ReadLength(reader, path, key);
        if (rank > 16)
            throw new DataFormatException(path, $"rank {rank}; expected at most 16 dimensions.", key);
        var shape = new long[rank];
        long elements = 1;
        for (int d = 0; d < rank; d++)
        {
            shape[d] = ReadLength(reader, path, key);
            elements = checked(elements * shape[d]);
        }
        long bytes = checked(elements * elementSize);
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (bytes > left)
            throw new DataFormatException(path,
                $"shape [{string.Join(", ", shape)}] of {type} needs {bytes} bytes but only {left} remain; the file is truncated.", key);
        var tensor = empty(shape, type);
        if (bytes > 0)
            tensor.bytes = reader.ReadBytes(checked((int)bytes));
        return tensor;
    }

    private static (ScalarType Type, int Size) ElementType(long code, string path, string key) => code switch
    {
        (long)ScalarType.Byte => (ScalarType.Byte, 1),
        (long)ScalarType.Int8 => (ScalarType.Int8, 1),
        (long)ScalarType.Int16 => (ScalarType.Int16, 2),
        (long)ScalarType.Int32 => (ScalarType.Int32, 4),
        (long)ScalarType.Int64 => (ScalarType.Int64, 8),
        (long)ScalarType.Float16 => (ScalarType.Float16, 2),
        (long)ScalarType.Float32 => (ScalarType.Float32, 4),
        (long)ScalarType.Float64 => (ScalarType.Float64, 8),
        (long)ScalarType.Bool => (ScalarType.Bool, 1),
        (long)ScalarType.BFloat16 => (ScalarType.BFloat16, 2),
        _ => throw new DataFormatException(path,
            $"element type code {code} is not supported; expected a real or integer libtorch ScalarType code (0-7, 11, 15).", key),
    };

    /// <summary>An unsigned LEB128 number (7 bits per byte, low group first), as TorchSharp's <c>Encode</c> writes lengths.</summary>
    private static long ReadLength(BinaryReader reader, string path, string field)
    {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7)
        {
            int next = reader.BaseStream.ReadByte();
            if (next < 0)
                throw new DataFormatException(path, "the file ends inside a number; it is truncated.", field);
            value |= (long)(next & 0x7f) << shift;
            if ((next & 0x80) == 0)
                return value;
        }
        throw new DataFormatException(path, "a LEB128 number runs past 63 bits; not a TorchSharp state dictionary.", field);
    }
}
