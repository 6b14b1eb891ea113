using System.Globalization;

namespace Nlce.Data.Phantoms;

/// <summary>
/// One of the embedded synthetic datasets, <c>phantom-lung</c> or <c>phantom-skin</c>, as an
/// <see cref="ISegmentationDataset"/>: the sample list (names <c>phantom-lung-0000</c>, … and the 70/10/20 split of
/// <see cref="PhantomSplitRule"/>) is known up front, and <see cref="Load"/> renders a sample on demand. Rendering is
/// a pure function of (seed, index, size), so samples can be loaded in any order, alone or in parallel, and always
/// come out the same.
/// </summary>
public sealed class PhantomDataset : ISegmentationDataset
{
    private readonly SampleRef[] samples;

    /// <summary>Creates the <paramref name="kind"/> dataset for <paramref name="options"/> (defaults: 200 samples of 256², seed 0).</summary>
    public PhantomDataset(PhantomKind kind, PhantomOptions? options = null)
    {
        options ??= new PhantomOptions();
        Generator = kind switch
        {
            PhantomKind.Lung => new PhantomLungGenerator(options),
            PhantomKind.Skin => new PhantomSkinGenerator(options),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kind must be one of {string.Join(", ", Enum.GetNames<PhantomKind>())}."),
        };
        samples = new SampleRef[options.Count];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = new SampleRef(PhantomSampleNames.NameOf(kind, i, options.Count), PhantomSplitRule.SplitOf(i));
    }

    /// <summary>
    /// Opens the phantom dataset named by <paramref name="spec"/> (<c>phantom-lung</c> or <c>phantom-skin</c>,
    /// case-insensitive); any other spec throws <see cref="ArgumentException"/> listing the valid ones.
    /// </summary>
    public static PhantomDataset Open(string spec, PhantomOptions? options = null) => new(PhantomKindSpecs.Parse(spec), options);

    /// <summary>The generator that renders the samples.</summary>
    public IPhantomGenerator Generator { get; }

    /// <summary>Which phantom this is.</summary>
    public PhantomKind Kind => Generator.Kind;

    /// <summary>Count, size and seed.</summary>
    public PhantomOptions Options => Generator.Options;

    /// <inheritdoc/>
    public string Spec => Kind.ToSpec();

    /// <inheritdoc/>
    public IReadOnlyList<SampleRef> Samples => samples;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The sample is not one of <see cref="Samples"/>.</exception>
    public SegmentationSample Load(SampleRef sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        int index = IndexOf(sample.Name);
        if (index < 0 || samples[index] != sample)
            throw new ArgumentException(
                $"sample '{sample.Name}' ({sample.Split}) is not in dataset {Spec} of {samples.Length} samples; expected a name " +
                $"from {samples[0].Name} to {samples[^1].Name} with the split given by {nameof(PhantomSplitRule)}.", nameof(sample));
        return Generator.Generate(index);
    }

    private int IndexOf(string name)
    {
        string prefix = Spec + "-";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) ||
            !int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int index) ||
            index >= samples.Length)
            return -1;
        return index;
    }
}
