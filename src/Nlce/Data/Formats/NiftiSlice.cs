namespace Nlce.Data.Formats;

/// <summary>
/// A 2D cut through a <see cref="NiftiVolume"/>, row-major (index = row·Width + column), values as stored in the
/// volume (not normalised).
/// </summary>
public sealed record NiftiSlice
{
    public NiftiSlice(int width, int height, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != width * height)
            throw new ArgumentException($"values has {values.Length} entries; expected {width}·{height} = {width * height}.", nameof(values));
        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Values { get; }
}
