namespace Nlce.Data;

/// <summary>A named sample of a dataset, before its pixels are read.</summary>
public sealed record SampleRef(string Name, DatasetSplit Split);

/// <summary>
/// A segmentation dataset: an ordered list of samples with their splits, and a way to read each one.
/// Readers list files eagerly (so a missing mask is reported before any training starts) and read pixels lazily.
/// </summary>
public interface ISegmentationDataset
{
    /// <summary>The dataset spec this dataset was opened from, e.g. <c>phantom-lung</c> or <c>folder:/data/x</c>.</summary>
    string Spec { get; }

    /// <summary>All samples in a stable order.</summary>
    IReadOnlyList<SampleRef> Samples { get; }

    /// <summary>Reads one sample; throws <see cref="DataFormatException"/> naming the file on bad input.</summary>
    SegmentationSample Load(SampleRef sample);
}
