namespace Nlce.Data.Formats;

/// <summary>
/// The parts of a NIfTI-1 header (nifti1.h, 348 bytes) that locate and decode the voxel data, after validation.
/// </summary>
/// <param name="Shape">dim[1..3] (dim[4..7], where present, are all 1).</param>
/// <param name="DataType">The <c>datatype</c> field.</param>
/// <param name="VoxelOffset">The <c>vox_offset</c> field: byte offset of the voxel data in the file.</param>
/// <param name="ScaleSlope">The <c>scl_slope</c> field; 0 or NaN means "no scaling".</param>
/// <param name="ScaleIntercept">The <c>scl_inter</c> field; used only when scaling applies.</param>
/// <param name="IsBigEndian">Byte order of the file, detected from <c>sizeof_hdr</c>.</param>
public sealed record NiftiHeader(
    VolumeShape Shape,
    NiftiDataType DataType,
    int VoxelOffset,
    float ScaleSlope,
    float ScaleIntercept,
    bool IsBigEndian)
{
    /// <summary>Whether stored values are mapped through value · scl_slope + scl_inter (slope neither 0 nor NaN).</summary>
    public bool HasScaling => ScaleSlope != 0f && !float.IsNaN(ScaleSlope);
}
