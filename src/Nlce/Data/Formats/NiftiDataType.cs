namespace Nlce.Data.Formats;

/// <summary>
/// Voxel data types of NIfTI-1 that this library reads and writes; the values are the header's <c>datatype</c>
/// codes (nifti1.h, "DT_*" constants).
/// </summary>
public enum NiftiDataType : short
{
    UInt8 = 2,
    Int16 = 4,
    Int32 = 8,
    Float32 = 16,
    Float64 = 64,
    Int8 = 256,
    UInt16 = 512,
    UInt32 = 768,
}
