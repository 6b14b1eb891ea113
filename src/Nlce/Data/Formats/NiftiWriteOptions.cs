namespace Nlce.Data.Formats;

/// <summary>
/// How <see cref="NiftiFormat.Write"/> stores a volume: the voxel type, the byte order and an optional linear
/// scaling (stored = (value − scl_inter) / scl_slope, read back as stored · scl_slope + scl_inter).
/// </summary>
public sealed record NiftiWriteOptions
{
    /// <summary>Voxel type of the data array (default float32).</summary>
    public NiftiDataType DataType
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DataType), value, $"supported: {string.Join(", ", Enum.GetNames<NiftiDataType>())}.");
    } = NiftiDataType.Float32;

    /// <summary>Write big-endian instead of little-endian (readers detect the order from sizeof_hdr).</summary>
    public bool BigEndian { get; init; }

    /// <summary>scl_slope; 0 (default) writes values unscaled.</summary>
    public float ScaleSlope
    {
        get;
        init => field = float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ScaleSlope), value, "scl_slope must be finite (0 = no scaling).");
    }

    /// <summary>scl_inter; only meaningful when <see cref="ScaleSlope"/> ≠ 0.</summary>
    public float ScaleIntercept
    {
        get;
        init => field = float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ScaleIntercept), value, "scl_inter must be finite.");
    }
}
