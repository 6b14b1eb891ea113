namespace Nlce.Data.Phantoms;

/// <summary>
/// Renders the samples of one embedded phantom dataset. <see cref="Generate"/> is a pure function of
/// (<see cref="PhantomOptions.Seed"/>, index, <see cref="PhantomOptions.Size"/>): a sample rendered alone is
/// identical to the same sample rendered in a full pass, on any machine.
/// </summary>
public interface IPhantomGenerator
{
    /// <summary>Which phantom this generator renders.</summary>
    PhantomKind Kind { get; }

    /// <summary>Count, size and seed of the dataset.</summary>
    PhantomOptions Options { get; }

    /// <summary>
    /// Renders sample <paramref name="index"/> (0 ≤ index &lt; <see cref="PhantomOptions.Count"/>), named by
    /// <see cref="PhantomSampleNames.NameOf"/> and placed by <see cref="PhantomSplitRule.SplitOf"/>.
    /// </summary>
    SegmentationSample Generate(int index);
}

/// <summary>
/// Names of phantom samples: the spec, a dash and the zero-padded index (at least four digits, more when the count
/// needs them so that names sort in index order), e.g. <c>phantom-lung-0007</c>.
/// </summary>
public static class PhantomSampleNames
{
    /// <summary>Name of sample <paramref name="index"/> of a <paramref name="kind"/> dataset of <paramref name="count"/> samples.</summary>
    public static string NameOf(PhantomKind kind, int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int digits = Math.Max(4, (count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return $"{kind.ToSpec()}-{index.ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Builds the <see cref="SegmentationSample"/> of sample <paramref name="index"/> around rendered pixels, after
    /// checking the index against the options.
    /// </summary>
    internal static SegmentationSample Sample(PhantomKind kind, PhantomOptions options, int index, ImageData image, MaskData mask) =>
        new(NameOf(kind, index, options.Count), PhantomSplitRule.SplitOf(index), image, mask,
            $"{kind.ToSpec()} (seed {options.Seed}, index {index}, {options.Size}×{options.Size})");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 ≤ <paramref name="index"/> &lt; count.</summary>
    internal static void CheckIndex(int index, PhantomOptions options)
    {
        if (index < 0 || index >= options.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be between 0 and Count − 1 = {options.Count - 1}.");
    }
}
