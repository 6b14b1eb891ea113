namespace Nlce.Data.Formats;

/// <summary>
/// A scalar 3D volume read from or written to NIfTI-1: voxel values after scaling (scl_slope, scl_inter),
/// stored x fastest, then y, then z (index = x + X·(y + Y·z)), as in the NIfTI-1 data array.
/// </summary>
public sealed record NiftiVolume
{
    public NiftiVolume(VolumeShape shape, float[] voxels)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        if (voxels.Length != shape.VoxelCount)
            throw new ArgumentException($"voxels has {voxels.Length} values; a {shape} volume needs {shape.VoxelCount}.", nameof(voxels));
        Shape = shape;
        Voxels = voxels;
    }

    public VolumeShape Shape { get; }
    public float[] Voxels { get; }

    public float this[int x, int y, int z] => Voxels[x + Shape.X * (y + Shape.Y * z)];

    /// <summary>
    /// The slice at <paramref name="index"/> along <paramref name="axis"/>. The two remaining axes keep their order,
    /// the lower one running along rows: axis 2 (z) gives an X-wide, Y-high slice; axis 1 (y) X-wide, Z-high;
    /// axis 0 (x) Y-wide, Z-high. No radiological flip is applied.
    /// </summary>
    public NiftiSlice Slice(int axis, int index)
    {
        var count = Shape.Along(axis);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var (nx, ny, nz) = (Shape.X, Shape.Y, Shape.Z);
        switch (axis)
        {
            case 2:
            {
                var values = new float[nx * ny];
                Array.Copy(Voxels, nx * ny * index, values, 0, values.Length);
                return new NiftiSlice(nx, ny, values);
            }
            case 1:
            {
                var values = new float[nx * nz];
                for (var z = 0; z < nz; z++)
                    Array.Copy(Voxels, nx * (index + ny * z), values, nx * z, nx);
                return new NiftiSlice(nx, nz, values);
            }
            default:
            {
                var values = new float[ny * nz];
                for (var z = 0; z < nz; z++)
                    for (var y = 0; y < ny; y++)
                        values[z * ny + y] = Voxels[index + nx * (y + ny * z)];
                return new NiftiSlice(ny, nz, values);
            }
        }
    }
}
