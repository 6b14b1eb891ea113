namespace Nlce.Data.Formats;

/// <summary>
/// An 8-bit single-channel raster, row-major (index = y·Width + x): the grey levels or label values of an indexed
/// image such as an SCR mask GIF, before they are interpreted as intensities or labels.
/// </summary>
public sealed record GreyRaster
{
    public GreyRaster(int width, int height, byte[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != width * height)
            throw new ArgumentException(
                $"values has {values.Length} entries; expected width·height = {width}·{height} = {width * height}.", nameof(values));
        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major 8-bit values.</summary>
    public byte[] Values { get; }

    public byte this[int y, int x] => Values[y * Width + x];

    /// <summary>Binarises the raster the way SCR masks are meant: 0 = background, any non-zero value = object.</summary>
    public MaskData ToMask()
    {
        var labels = new byte[Values.Length];
        for (var i = 0; i < labels.Length; i++)
            labels[i] = Values[i] == 0 ? (byte)0 : (byte)1;
        return new MaskData(Width, Height, labels);
    }
}
