namespace Nlce.Data;

/// <summary>
/// A 2D image with intensities in [0, 1], stored planar (channel-major, then row-major: index = c·H·W + y·W + x).
/// Grey images have one channel, colour images three (R, G, B). This is the reader-level type: it needs no
/// native runtime, so readers and phantom generators can be used and tested without libtorch.
/// </summary>
public sealed record ImageData
{
    public ImageData(int width, int height, int channels, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 (grey) or 3 (RGB).");
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != width * height * channels)
            throw new ArgumentException(
                $"pixels has {pixels.Length} values; expected width·height·channels = {width}·{height}·{channels} = {width * height * channels}.",
                nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }

    /// <summary>Planar pixel values in [0, 1].</summary>
    public float[] Pixels { get; }

    /// <summary>Value of channel <paramref name="c"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public float this[int c, int y, int x] => Pixels[(c * Height + y) * Width + x];
}

/// <summary>
/// A binary segmentation mask: 1 = foreground (lung, lesion), 0 = background; row-major.
/// </summary>
public sealed record MaskData
{
    public MaskData(int width, int height, byte[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != width * height)
            throw new ArgumentException(
                $"labels has {labels.Length} values; expected width·height = {width}·{height} = {width * height}.", nameof(labels));
        foreach (var v in labels)
            if (v > 1)
                throw new ArgumentException($"labels must be 0 or 1; found {v}.", nameof(labels));
        Width = width;
        Height = height;
        Labels = labels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major labels, each 0 or 1.</summary>
    public byte[] Labels { get; }

    public byte this[int y, int x] => Labels[y * Width + x];

    /// <summary>Fraction of pixels that are foreground.</summary>
    public double ForegroundFraction => Labels.Count(v => v == 1) / (double)Labels.Length;
}

/// <summary>Which part of a dataset a sample belongs to.</summary>
public enum DatasetSplit
{
    Train,
    Val,
    Test,
}

/// <summary>One image with its ground-truth mask; <see cref="Source"/> names the file(s) it came from.</summary>
public sealed record SegmentationSample(string Name, DatasetSplit Split, ImageData Image, MaskData Mask, string Source);
