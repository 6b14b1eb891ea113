using Nlce.Data;
using Nlce.Data.Tensors;

namespace Nlce.Workbench;

/// <summary>
/// A dataset at a notebook's working resolution: every sample (trained on through <see cref="Training.TrainingData.FromSplits"/>)
/// and a copy of the Test split, on which the notebooks score and attack (NLCEN paper, Comparison with the State of the Art:
/// "compute segmentation accuracy metrics on the testing set"). Dispose it to free both.
/// </summary>
public sealed class WorkbenchDataset : IDisposable
{
    /// <param name="spec">The dataset spec the tensors came from.</param>
    /// <param name="all">Every sample; owned by this object from now on.</param>
    /// <exception cref="DataFormatException">The dataset has no sample in the Test split.</exception>
    public WorkbenchDataset(string spec, SegmentationTensorSet all)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        ArgumentNullException.ThrowIfNull(all);
        if (!all.Samples.Any(s => s.Split == DatasetSplit.Test))
            throw new DataFormatException(spec, "the dataset has no sample in the Test split; the notebooks score and attack the test images.", "Splits");
        Spec = spec;
        All = all;
        Test = all.Subset(DatasetSplit.Test);
    }

    /// <summary>The dataset spec.</summary>
    public string Spec { get; }

    /// <summary>Every sample, images [N, C, S, S] in [0, 1] and masks [N, S, S].</summary>
    public SegmentationTensorSet All { get; }

    /// <summary>The Test split, in dataset order.</summary>
    public SegmentationTensorSet Test { get; }

    /// <summary>Image channels (1 grey, 3 RGB).</summary>
    public int Channels => All.Channels;

    /// <summary>Working resolution (square side).</summary>
    public int Size => All.Height;

    /// <summary>Number of samples per split, for a one-line summary.</summary>
    public IReadOnlyDictionary<DatasetSplit, int> SplitCounts =>
        All.Samples.GroupBy(s => s.Split).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Test image <paramref name="index"/> as a displayable image.</summary>
    public ImageData TestImage(int index)
    {
        using var image = Test.Images[CheckIndex(index)];
        return ImageTensors.ToImage(image);
    }

    /// <summary>Ground truth of test image <paramref name="index"/>.</summary>
    public MaskData TestMask(int index)
    {
        using var mask = Test.Masks[CheckIndex(index)];
        return ImageTensors.ToMask(mask);
    }

    /// <summary>Checks that <paramref name="index"/> names a test image; returns it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not; the message gives the valid range.</exception>
    public int CheckIndex(int index)
    {
        if (index < 0 || index >= Test.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"test image index must be in [0, {Test.Count}) for '{Spec}'.");
        return index;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Test.Dispose();
        All.Dispose();
    }
}
