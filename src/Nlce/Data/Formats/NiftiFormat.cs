using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Nlce.Data.Formats;

/// <summary>
/// Single-file NIfTI-1 volumes, <c>.nii</c> or gzip-compressed <c>.nii.gz</c> (NIfTI-1 Data Format, nifti1.h):
/// a 348-byte header whose <c>sizeof_hdr</c> (348) also reveals the byte order, then the voxel array at
/// <c>vox_offset</c>. Scalar data types uint8, int8, int16, uint16, int32, uint32, float32 and float64 are read;
/// stored values are mapped through <c>scl_slope</c>/<c>scl_inter</c> when the slope is neither 0 nor NaN.
/// Volumes have at most three non-trivial dimensions (dim[4..7] must be 1).
/// </summary>
public static class NiftiFormat
{
    /// <summary>Size of a NIfTI-1 header, the value of its <c>sizeof_hdr</c> field.</summary>
    public const int HeaderLength = 348;

    /// <summary>Where this writer puts the voxel data: the header plus the 4-byte extension flag.</summary>
    public const int WrittenVoxelOffset = HeaderLength + 4;

    // Byte offsets of header fields (nifti1.h, struct nifti_1_header).
    private const int DimOffset = 40;
    private const int DataTypeOffset = 70;
    private const int BitPixOffset = 72;
    private const int PixDimOffset = 76;
    private const int VoxOffsetOffset = 108;
    private const int SlopeOffset = 112;
    private const int InterOffset = 116;
    private const int MagicOffset = 344;

    /// <summary>Reads and validates only the header (for a <c>.nii.gz</c> only its first bytes are decompressed).</summary>
    /// <exception cref="DataFormatException">The file cannot be read or a header field is invalid; the message names the field.</exception>
    public static NiftiHeader ReadHeader(string path)
    {
        var head = new byte[HeaderLength];
        using (var stream = OpenDecompressed(path))
        {
            int read;
            try
            {
                read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(path, $"corrupt gzip stream ({e.Message}).", inner: e);
            }
            if (read < HeaderLength)
                throw TruncatedHeader(path, read);
        }
        return ParseHeader(head, path);
    }

    /// <summary>Reads a whole volume, applying scl_slope/scl_inter.</summary>
    /// <exception cref="DataFormatException">The file cannot be read, a header field is invalid, or the data are truncated.</exception>
    public static NiftiVolume Read(string path)
    {
        var bytes = ReadDecompressed(path);
        if (bytes.Length < HeaderLength)
            throw TruncatedHeader(path, bytes.Length);
        var header = ParseHeader(bytes, path);
        var size = ElementSize(header.DataType);
        var needed = (long)header.Shape.VoxelCount * size;
        if (bytes.Length - (long)header.VoxelOffset < needed)
            throw new DataFormatException(
                path,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"truncated: a {header.Shape} {header.DataType} volume needs {needed:N0} bytes after vox_offset {header.VoxelOffset}, " +
                    $"but the file has {Math.Max(0, bytes.Length - header.VoxelOffset):N0}."));
        var data = bytes.AsSpan(header.VoxelOffset, (int)needed);
        var voxels = new float[header.Shape.VoxelCount];
        var scale = header.HasScaling;
        for (var i = 0; i < voxels.Length; i++)
        {
            var stored = ReadStored(data.Slice(i * size, size), header.DataType, header.IsBigEndian);
            voxels[i] = (float)(scale ? stored * header.ScaleSlope + header.ScaleIntercept : stored);
        }
        return new NiftiVolume(header.Shape, voxels);
    }

    /// <summary>
    /// Writes a volume as single-file NIfTI-1 (magic "n+1", vox_offset 352, unit voxel spacing, no orientation);
    /// gzip-compressed when <paramref name="path"/> ends in <c>.gz</c>. Integer types store round(value) after
    /// inverse scaling.
    /// </summary>
    /// <exception cref="ArgumentException">A voxel is NaN or does not fit the chosen data type.</exception>
    public static void Write(NiftiVolume volume, string path, NiftiWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new NiftiWriteOptions();
        var size = ElementSize(options.DataType);
        var bytes = new byte[WrittenVoxelOffset + (long)volume.Shape.VoxelCount * size];
        WriteHeader(bytes, volume.Shape, options);
        var data = bytes.AsSpan(WrittenVoxelOffset);
        for (var i = 0; i < volume.Voxels.Length; i++)
        {
            double value = volume.Voxels[i];
            var stored = options.ScaleSlope != 0f ? (value - options.ScaleIntercept) / options.ScaleSlope : value;
            WriteStored(data.Slice(i * size, size), stored, options, i);
        }
        using var file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            file.Write(bytes);
        }
    }

    private static NiftiHeader ParseHeader(byte[] h, string path)
    {
        bool bigEndian;
        var littleSize = BinaryPrimitives.ReadInt32LittleEndian(h.AsSpan());
        if (littleSize == HeaderLength)
            bigEndian = false;
        else if (BinaryPrimitives.ReadInt32BigEndian(h.AsSpan()) == HeaderLength)
            bigEndian = true;
        else
            throw new DataFormatException(
                path, $"is {littleSize} (read little-endian); a NIfTI-1 header has sizeof_hdr = 348 in either byte order.", "sizeof_hdr");

        var magic = h.AsSpan(MagicOffset, 4);
        if (magic.SequenceEqual("ni1\0"u8))
            throw new DataFormatException(
                path, "is 'ni1' (a separate .hdr/.img pair); only single-file NIfTI-1 ('n+1') is supported.", "magic");
        if (!magic.SequenceEqual("n+1\0"u8))
            throw new DataFormatException(
                path, $"is {Convert.ToHexString(magic)} (hex); expected 'n+1\\0' (single-file NIfTI-1).", "magic");

        short Int16(int offset) =>
            bigEndian ? BinaryPrimitives.ReadInt16BigEndian(h.AsSpan(offset)) : BinaryPrimitives.ReadInt16LittleEndian(h.AsSpan(offset));
        float Single(int offset) =>
            bigEndian ? BinaryPrimitives.ReadSingleBigEndian(h.AsSpan(offset)) : BinaryPrimitives.ReadSingleLittleEndian(h.AsSpan(offset));

        var rank = Int16(DimOffset);
        if (rank is < 1 or > 7)
            throw new DataFormatException(path, $"is {rank}; expected the number of dimensions, 1..7.", "dim[0]");
        var sizes = new[] { 1, 1, 1 };
        for (var i = 1; i <= rank; i++)
        {
            var n = Int16(DimOffset + 2 * i);
            if (n < 1)
                throw new DataFormatException(path, $"is {n}; every used dimension must be at least 1.", $"dim[{i}]");
            if (i > 3 && n != 1)
                throw new DataFormatException(
                    path, $"is {n}; only single 3D volumes are supported, so dim[4..7] must be 1.", $"dim[{i}]");
            if (i <= 3)
                sizes[i - 1] = n;
        }

        var code = Int16(DataTypeOffset);
        var dataType = (NiftiDataType)code;
        if (!Enum.IsDefined(dataType))
            throw new DataFormatException(
                path,
                $"is {code}; supported codes: {string.Join(", ", Enum.GetValues<NiftiDataType>().Select(t => $"{(short)t} ({t})"))}.",
                "datatype");
        var bitPix = Int16(BitPixOffset);
        if (bitPix != 8 * ElementSize(dataType))
            throw new DataFormatException(
                path, $"is {bitPix}; datatype {code} ({dataType}) has {8 * ElementSize(dataType)} bits per voxel.", "bitpix");

        var voxOffset = Single(VoxOffsetOffset);
        if (!float.IsFinite(voxOffset) || voxOffset < WrittenVoxelOffset || voxOffset != MathF.Floor(voxOffset) || voxOffset > int.MaxValue)
            throw new DataFormatException(
                path, string.Create(CultureInfo.InvariantCulture, $"is {voxOffset}; a single-file NIfTI-1 needs a whole number of bytes ≥ {WrittenVoxelOffset}."), "vox_offset");

        var slope = Single(SlopeOffset);
        var inter = Single(InterOffset);
        if (float.IsInfinity(slope))
            throw new DataFormatException(path, string.Create(CultureInfo.InvariantCulture, $"is {slope}; expected a finite slope, or 0 for no scaling."), "scl_slope");
        var header = new NiftiHeader(Shape(sizes, path), dataType, (int)voxOffset, slope, inter, bigEndian);
        if (header.HasScaling && !float.IsFinite(inter))
            throw new DataFormatException(path, string.Create(CultureInfo.InvariantCulture, $"is {inter}; expected a finite intercept when scl_slope = {slope}."), "scl_inter");
        return header;
    }

    private static VolumeShape Shape(int[] sizes, string path)
    {
        if ((long)sizes[0] * sizes[1] * sizes[2] > Array.MaxLength)
            throw new DataFormatException(path, $"{sizes[0]}×{sizes[1]}×{sizes[2]} voxels are more than this reader can hold.", "dim");
        return new VolumeShape(sizes[0], sizes[1], sizes[2]);
    }

    private static void WriteHeader(byte[] h, VolumeShape shape, NiftiWriteOptions options)
    {
        var big = options.BigEndian;
        void Int32(int offset, int v)
        {
            if (big) BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(offset), v);
            else BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(offset), v);
        }
        void Int16(int offset, int v)
        {
            if (big) BinaryPrimitives.WriteInt16BigEndian(h.AsSpan(offset), checked((short)v));
            else BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(offset), checked((short)v));
        }
        void Single(int offset, float v)
        {
            if (big) BinaryPrimitives.WriteSingleBigEndian(h.AsSpan(offset), v);
            else BinaryPrimitives.WriteSingleLittleEndian(h.AsSpan(offset), v);
        }

        if (shape.X > short.MaxValue || shape.Y > short.MaxValue || shape.Z > short.MaxValue)
            throw new ArgumentException($"NIfTI-1 dimensions are 16-bit; {shape} does not fit.", nameof(shape));
        Int32(0, HeaderLength);
        Int16(DimOffset, 3);
        Int16(DimOffset + 2, shape.X);
        Int16(DimOffset + 4, shape.Y);
        Int16(DimOffset + 6, shape.Z);
        for (var i = 4; i <= 7; i++)
            Int16(DimOffset + 2 * i, 1);
        Int16(DataTypeOffset, (short)options.DataType);
        Int16(BitPixOffset, 8 * ElementSize(options.DataType));
        for (var i = 0; i <= 3; i++)
            Single(PixDimOffset + 4 * i, 1f); // pixdim[0] = qfac 1, then unit spacing
        Single(VoxOffsetOffset, WrittenVoxelOffset);
        Single(SlopeOffset, options.ScaleSlope);
        Single(InterOffset, options.ScaleIntercept);
        "n+1\0"u8.CopyTo(h.AsSpan(MagicOffset));
    }

    private static int ElementSize(NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 or NiftiDataType.Int8 => 1,
        NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
        NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Float32 => 4,
        NiftiDataType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unsupported NIfTI data type."),
    };

    private static double ReadStored(ReadOnlySpan<byte> b, NiftiDataType type, bool big) => type switch
    {
        NiftiDataType.UInt8 => b[0],
        NiftiDataType.Int8 => (sbyte)b[0],
        NiftiDataType.Int16 => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        NiftiDataType.UInt16 => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        NiftiDataType.Int32 => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
        NiftiDataType.UInt32 => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
        NiftiDataType.Float32 => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
        NiftiDataType.Float64 => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unsupported NIfTI data type."),
    };

    private static void WriteStored(Span<byte> b, double stored, NiftiWriteOptions options, int index)
    {
        var big = options.BigEndian;
        switch (options.DataType)
        {
            case NiftiDataType.Float32:
                if (big) BinaryPrimitives.WriteSingleBigEndian(b, (float)stored);
                else BinaryPrimitives.WriteSingleLittleEndian(b, (float)stored);
                return;
            case NiftiDataType.Float64:
                if (big) BinaryPrimitives.WriteDoubleBigEndian(b, stored);
                else BinaryPrimitives.WriteDoubleLittleEndian(b, stored);
                return;
        }
        var (min, max) = options.DataType switch
        {
            NiftiDataType.UInt8 => (byte.MinValue, byte.MaxValue),
            NiftiDataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
            NiftiDataType.Int16 => (short.MinValue, short.MaxValue),
            NiftiDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            NiftiDataType.Int32 => (int.MinValue, int.MaxValue),
            _ => (0d, (double)uint.MaxValue),
        };
        var rounded = Math.Round(stored, MidpointRounding.AwayFromZero);
        if (!(rounded >= min && rounded <= max))
            throw new ArgumentException(
                $"voxel {index} stores as {stored}, outside the {options.DataType} range [{min}, {max}].", nameof(options));
        switch (options.DataType)
        {
            case NiftiDataType.UInt8: b[0] = (byte)rounded; break;
            case NiftiDataType.Int8: b[0] = (byte)(sbyte)rounded; break;
            case NiftiDataType.Int16:
                if (big) BinaryPrimitives.WriteInt16BigEndian(b, (short)rounded);
                else BinaryPrimitives.WriteInt16LittleEndian(b, (short)rounded);
                break;
            case NiftiDataType.UInt16:
                if (big) BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)rounded);
                else BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)rounded);
                break;
            case NiftiDataType.Int32:
                if (big) BinaryPrimitives.WriteInt32BigEndian(b, (int)rounded);
                else BinaryPrimitives.WriteInt32LittleEndian(b, (int)rounded);
                break;
            default:
                if (big) BinaryPrimitives.WriteUInt32BigEndian(b, (uint)rounded);
                else BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)rounded);
                break;
        }
    }

    private static DataFormatException TruncatedHeader(string path, int length) =>
        new(path, $"truncated: the file has {length} bytes, fewer than the {HeaderLength}-byte NIfTI-1 header.", "sizeof_hdr");

    private static Stream OpenDecompressed(string path)
    {
        var file = DataFile.OpenRead(path);
        var first = file.ReadByte();
        var second = file.ReadByte();
        file.Position = 0;
        return first == 0x1F && second == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static byte[] ReadDecompressed(string path)
    {
        using var stream = OpenDecompressed(path);
        using var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip stream ({e.Message}).", inner: e);
        }
        catch (IOException e)
        {
            throw new DataFormatException(path, $"cannot be read ({e.Message}).", inner: e);
        }
        return buffer.ToArray();
    }
}
