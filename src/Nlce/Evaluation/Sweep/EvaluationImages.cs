using System.Globalization;
using Nlce.Data;
using Nlce.Data.Tensors;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// The images an evaluation runs on: a dataset (any <c>--dataset</c> spec) at its working size, one split (the NLCEN paper scores
/// the testing set, Comparison with the State of the Art) and optionally only its first images. Every value is checked by
/// <see cref="Validate"/>.
/// </summary>
public sealed record EvaluationImages
{
    /// <summary>Dataset spec: a manifest id (<c>phantom-lung</c>, <c>jsrt-scr</c>, …) or <c>kind:path</c> (see <see cref="DatasetCatalog"/>).</summary>
    public required string Dataset { get; init; }

    /// <summary>Working resolution, square side in pixels (≥ 8); default 256, the paper's.</summary>
    public int Size { get; init; } = 256;

    /// <summary>The split to evaluate; null for every sample. Default <see cref="DatasetSplit.Test"/>.</summary>
    public DatasetSplit? Split { get; init; } = DatasetSplit.Test;

    /// <summary>Only the first this many images of the split (≥ 1); null for all.</summary>
    public int? Count { get; init; }

    /// <summary>Phantom datasets: samples rendered (≥ 1); null keeps the manifest's count.</summary>
    public int? PhantomCount { get; init; }

    /// <summary>Folder of prepared datasets (<see cref="PreparedDatasetStore"/>) to read from and fill; null reads the dataset directly.</summary>
    public string? Cache { get; init; }

    /// <summary>Folder holding downloaded datasets; null for the default (see <see cref="DatasetCatalog.DataRoot"/>).</summary>
    public string? DataRoot { get; init; }

    /// <summary>Seed of random splits (folder and NIfTI datasets without a split file).</summary>
    public int Seed { get; init; }

    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public EvaluationImages Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Dataset, nameof(Dataset));
        if (Size < 8)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "Size must be ≥ 8 pixels.");
        if (Split is { } split && !Enum.IsDefined(split))
            throw new ArgumentOutOfRangeException(nameof(Split), split, $"expected one of {string.Join(", ", Enum.GetNames<DatasetSplit>())} or null for all.");
        if (Count is < 1)
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must be ≥ 1 (or null for every image of the split).");
        if (PhantomCount is < 1)
            throw new ArgumentOutOfRangeException(nameof(PhantomCount), PhantomCount, "PhantomCount must be ≥ 1 (or null for the manifest's).");
        return this;
    }

    /// <summary>One line for run tables and reports, e.g. <c>phantom-lung test split, first 8, 256²</c>.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Dataset} {(Split is { } split ? split.ToString().ToLowerInvariant() + " split" : "all splits")}") +
        (Count is { } count ? string.Create(CultureInfo.InvariantCulture, $", first {count}") : "") +
        (PhantomCount is { } rendered ? string.Create(CultureInfo.InvariantCulture, $", {rendered} phantoms") : "") +
        string.Create(CultureInfo.InvariantCulture, $", {Size}²");

    /// <summary>Opens the dataset and returns the chosen images at the working size, in dataset order.</summary>
    /// <exception cref="ArgumentException">The spec is malformed, or the split holds no image.</exception>
    /// <exception cref="DataFormatException">The dataset's files are missing or unreadable.</exception>
    public SegmentationTensorSet Load(IProgress<DataProgress>? progress = null, CancellationToken cancellation = default)
    {
        Validate();
        var dataset = DatasetCatalog.Open(Dataset, new DatasetOpenOptions(Seed: Seed, PhantomCount: PhantomCount, DataRoot: DataRoot));
        var chosen = dataset.Samples.Where(sample => Split is null || sample.Split == Split).Take(Count ?? int.MaxValue).ToArray();
        if (chosen.Length == 0)
            throw new ArgumentException(
                $"dataset '{dataset.Spec}' has no {Split?.ToString().ToLowerInvariant()} images ({dataset.Samples.Count} samples in all).", nameof(Split));
        if (Cache is null)
            return SegmentationTensorSet.Load(new ChosenSamples(dataset, chosen), Size, progress, cancellation);

        using var prepared = new PreparedDatasetStore(Cache).Prepare(dataset, DatasetCatalog.Fingerprint(dataset), Size, progress, cancellation);
        var positions = prepared.Samples.Select((sample, index) => (sample.Name, index)).ToDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        return prepared.Select(chosen.Select(sample => positions[sample.Name]).ToArray());
    }

    /// <summary>A dataset restricted to some of its samples, so that only those are read.</summary>
    private sealed class ChosenSamples(ISegmentationDataset dataset, IReadOnlyList<SampleRef> samples) : ISegmentationDataset
    {
        public string Spec => dataset.Spec;

        public IReadOnlyList<SampleRef> Samples => samples;

        public SegmentationSample Load(SampleRef sample) => dataset.Load(sample);
    }
}
