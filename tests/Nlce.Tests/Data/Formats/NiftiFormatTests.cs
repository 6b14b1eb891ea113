using System.Buffers.Binary;
using System.IO.Compression;
using Nlce.Data;
using Nlce.Data.Formats;

namespace Nlce.Tests.Data.Formats;

public sealed class NiftiFormatTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<NiftiDataType, bool, string> Encodings
    {
        get
        {
            var data = new TheoryData<NiftiDataType, bool, string>();
            foreach (var type in Enum.GetValues<NiftiDataType>())
                foreach (var big in new[] { false, true })
                    foreach (var extension in new[] { ".nii", ".nii.gz" })
                        data.Add(type, big, extension);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Round_trip_of_every_data_type_byte_order_and_compression(NiftiDataType type, bool bigEndian, string extension)
    {
        var shape = new VolumeShape(5, 4, 3);
        var voxels = new float[shape.VoxelCount];
        for (var i = 0; i < voxels.Length; i++)
            voxels[i] = type == NiftiDataType.Int8 ? i - 30 : i * 2; // fits every type (int8 needs −128..127)
        var path = _folder.File("volume" + extension);

        NiftiFormat.Write(new NiftiVolume(shape, voxels), path, new NiftiWriteOptions { DataType = type, BigEndian = bigEndian });
        var back = NiftiFormat.Read(path);
        var header = NiftiFormat.ReadHeader(path);

        Assert.Equal(shape, back.Shape);
        Assert.Equal(voxels, back.Voxels);
        Assert.Equal((type, bigEndian, 352), (header.DataType, header.IsBigEndian, header.VoxelOffset));
        Assert.Equal(extension == ".nii.gz", IsGzip(path));
    }

    [Fact]
    public void Scaling_is_applied_on_read()
    {
        var shape = new VolumeShape(3, 2, 1);
        float[] voxels = [-1f, 0f, 0.5f, 1.5f, 10f, -3.5f];
        var path = _folder.File("scaled.nii");

        NiftiFormat.Write(new NiftiVolume(shape, voxels), path,
            new NiftiWriteOptions { DataType = NiftiDataType.Int16, ScaleSlope = 0.5f, ScaleIntercept = -1f });

        // Stored values are (v + 1) / 0.5 = 2v + 2: 0, 2, 3, 5, 22, −5.
        var raw = File.ReadAllBytes(path);
        Assert.Equal(0, BinaryPrimitives.ReadInt16LittleEndian(raw.AsSpan(352)));
        Assert.Equal(22, BinaryPrimitives.ReadInt16LittleEndian(raw.AsSpan(352 + 2 * 4)));
        Assert.Equal(-5, BinaryPrimitives.ReadInt16LittleEndian(raw.AsSpan(352 + 2 * 5)));
        Assert.Equal(voxels, NiftiFormat.Read(path).Voxels);
    }

    [Fact]
    public void Zero_slope_means_no_scaling_even_with_an_intercept()
    {
        var path = _folder.File("unscaled.nii");
        NiftiFormat.Write(new NiftiVolume(new VolumeShape(2, 1, 1), [3f, 4f]), path, new NiftiWriteOptions { DataType = NiftiDataType.UInt8 });
        Patch(path, 116, bytes => BinaryPrimitives.WriteSingleLittleEndian(bytes, 100f)); // scl_inter = 100, slope stays 0
        Assert.Equal([3f, 4f], NiftiFormat.Read(path).Voxels);
    }

    [Fact]
    public void Slices_along_each_axis_pick_the_right_voxels()
    {
        var shape = new VolumeShape(4, 3, 2);
        var voxels = new float[shape.VoxelCount];
        for (var z = 0; z < 2; z++)
            for (var y = 0; y < 3; y++)
                for (var x = 0; x < 4; x++)
                    voxels[x + 4 * (y + 3 * z)] = 100 * x + 10 * y + z;
        var volume = new NiftiVolume(shape, voxels);

        var axial = volume.Slice(2, 1);
        Assert.Equal((4, 3), (axial.Width, axial.Height));
        Assert.Equal(100 * 3 + 10 * 2 + 1, axial.Values[2 * 4 + 3]);

        var coronal = volume.Slice(1, 2);
        Assert.Equal((4, 2), (coronal.Width, coronal.Height));
        Assert.Equal(100 * 1 + 10 * 2 + 1, coronal.Values[1 * 4 + 1]);

        var sagittal = volume.Slice(0, 3);
        Assert.Equal((3, 2), (sagittal.Width, sagittal.Height));
        Assert.Equal(100 * 3 + 10 * 1 + 1, sagittal.Values[1 * 3 + 1]);
        Assert.Equal(volume[3, 1, 1], sagittal.Values[1 * 3 + 1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => volume.Slice(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => volume.Slice(0, 4));
    }

    public static TheoryData<string, int, Action<byte[]>, string> BadHeaders => new()
    {
        { "sizeof_hdr", 0, b => BinaryPrimitives.WriteInt32LittleEndian(b, 540), "348" },
        { "magic", 344, b => "ni1\0"u8.CopyTo(b), "single-file" },
        { "magic", 344, b => "abc\0"u8.CopyTo(b), "n+1" },
        { "dim[0]", 40, b => BinaryPrimitives.WriteInt16LittleEndian(b, 0), "1..7" },
        { "dim[0]", 40, b => BinaryPrimitives.WriteInt16LittleEndian(b, 8), "1..7" },
        { "dim[2]", 44, b => BinaryPrimitives.WriteInt16LittleEndian(b, 0), "at least 1" },
        { "dim[4]", 40, b => { BinaryPrimitives.WriteInt16LittleEndian(b, 4); BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(8), 5); }, "dim[4..7] must be 1" },
        { "datatype", 70, b => BinaryPrimitives.WriteInt16LittleEndian(b, 128), "supported codes" },
        { "bitpix", 72, b => BinaryPrimitives.WriteInt16LittleEndian(b, 16), "32 bits" },
        { "vox_offset", 108, b => BinaryPrimitives.WriteSingleLittleEndian(b, 100f), "352" },
        { "vox_offset", 108, b => BinaryPrimitives.WriteSingleLittleEndian(b, 352.5f), "whole number" },
        { "scl_slope", 112, b => BinaryPrimitives.WriteSingleLittleEndian(b, float.PositiveInfinity), "finite" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Bad_header_fields_are_reported_by_name(string field, int offset, Action<byte[]> corrupt, string hint)
    {
        var path = _folder.File("bad.nii");
        NiftiFormat.Write(new NiftiVolume(new VolumeShape(2, 2, 2), new float[8]), path);
        Patch(path, offset, corrupt);

        var error = Assert.Throws<DataFormatException>(() => NiftiFormat.Read(path));
        Assert.Equal(field, error.Field);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains(field, error.Message);
        Assert.Contains(hint, error.Message);
        Assert.Equal(field, Assert.Throws<DataFormatException>(() => NiftiFormat.ReadHeader(path)).Field);
    }

    [Fact]
    public void Scaling_with_a_non_finite_intercept_is_rejected()
    {
        var path = _folder.File("inter.nii");
        NiftiFormat.Write(new NiftiVolume(new VolumeShape(1, 1, 1), [1f]), path, new NiftiWriteOptions { ScaleSlope = 2f });
        Patch(path, 116, b => BinaryPrimitives.WriteSingleLittleEndian(b, float.NaN));
        Assert.Equal("scl_inter", Assert.Throws<DataFormatException>(() => NiftiFormat.Read(path)).Field);
    }

    [Fact]
    public void Big_endian_headers_are_detected_from_sizeof_hdr()
    {
        var path = _folder.File("big.nii.gz");
        NiftiFormat.Write(new NiftiVolume(new VolumeShape(2, 3, 1), [1, 2, 3, 4, 5, 6]), path,
            new NiftiWriteOptions { BigEndian = true, DataType = NiftiDataType.Int32 });
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            var head = new byte[4];
            gzip.ReadExactly(head);
            Assert.Equal(348, BinaryPrimitives.ReadInt32BigEndian(head));
        }
        Assert.True(NiftiFormat.ReadHeader(path).IsBigEndian);
        Assert.Equal([1f, 2, 3, 4, 5, 6], NiftiFormat.Read(path).Voxels);
    }

    [Fact]
    public void Truncated_voxel_data_is_rejected()
    {
        var path = _folder.File("short.nii");
        NiftiFormat.Write(new NiftiVolume(new VolumeShape(4, 4, 4), new float[64]), path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 1)]);

        var error = Assert.Throws<DataFormatException>(() => NiftiFormat.Read(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Truncated_header_is_rejected(int length)
    {
        var path = _folder.File("tiny.nii");
        File.WriteAllBytes(path, new byte[length]);
        var error = Assert.Throws<DataFormatException>(() => NiftiFormat.ReadHeader(path));
        Assert.Contains("truncated", error.Message);
        Assert.Equal("sizeof_hdr", error.Field);
        Assert.Throws<DataFormatException>(() => NiftiFormat.Read(path));
    }

    [Fact]
    public void Corrupt_gzip_is_rejected_naming_the_file()
    {
        var path = _folder.File("broken.nii.gz");
        NiftiFormat.Write(new NiftiVolume(new VolumeShape(8, 8, 8), new float[512]), path);
        var bytes = File.ReadAllBytes(path);
        for (var i = 12; i < bytes.Length - 8; i++)
            bytes[i] ^= 0xA5;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DataFormatException>(() => NiftiFormat.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(NiftiDataType.UInt8, 256f)]
    [InlineData(NiftiDataType.UInt8, -1f)]
    [InlineData(NiftiDataType.Int16, 40000f)]
    [InlineData(NiftiDataType.Int32, float.NaN)]
    public void Write_rejects_values_the_data_type_cannot_hold(NiftiDataType type, float value)
    {
        var volume = new NiftiVolume(new VolumeShape(1, 1, 1), [value]);
        Assert.Throws<ArgumentException>(() =>
            NiftiFormat.Write(volume, _folder.File("x.nii"), new NiftiWriteOptions { DataType = type }));
    }

    [Fact]
    public void Write_options_validate_themselves()
    {
        Assert.Throws<ArgumentOutOfRangeException>("ScaleSlope", () => new NiftiWriteOptions { ScaleSlope = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>("ScaleIntercept", () => new NiftiWriteOptions { ScaleIntercept = float.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>("DataType", () => new NiftiWriteOptions { DataType = (NiftiDataType)1 });
    }

    private static bool IsGzip(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes[0] == 0x1F && bytes[1] == 0x8B;
    }

    private static void Patch(string path, int offset, Action<byte[]> change)
    {
        var bytes = File.ReadAllBytes(path);
        var field = bytes[offset..];
        change(field);
        field.CopyTo(bytes, offset);
        File.WriteAllBytes(path, bytes);
    }
}
