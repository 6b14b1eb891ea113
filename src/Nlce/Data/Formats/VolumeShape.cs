namespace Nlce.Data.Formats;

/// <summary>
/// The size of a 3D voxel grid; x varies fastest in memory, then y, then z (NIfTI-1 dim[1], dim[2], dim[3]).
/// A 2D image has <see cref="Z"/> = 1.
/// </summary>
public readonly record struct VolumeShape
{
    public VolumeShape(int x, int y, int z)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(y, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(z, 1);
        if ((long)x * y * z > Array.MaxLength)
            throw new ArgumentException($"a {x}×{y}×{z} volume has more voxels than an array can hold.", nameof(x));
        X = x;
        Y = y;
        Z = z;
    }

    public int X { get; }
    public int Y { get; }
    public int Z { get; }

    /// <summary>Number of voxels, X·Y·Z.</summary>
    public int VoxelCount => X * Y * Z;

    /// <summary>Size along <paramref name="axis"/> (0 = x, 1 = y, 2 = z).</summary>
    public int Along(int axis) => axis switch
    {
        0 => X,
        1 => Y,
        2 => Z,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be 0 (x), 1 (y) or 2 (z)."),
    };

    public override string ToString() => $"{X}×{Y}×{Z}";
}
