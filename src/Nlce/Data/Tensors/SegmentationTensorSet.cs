using static TorchSharp.torch;

namespace Nlce.Data.Tensors;

/// <summary>Progress of a long data operation: <paramref name="Done"/> of <paramref name="Total"/> items; <paramref name="Item"/> names the current one.</summary>
public sealed record DataProgress(int Done, int Total, string Item);

/// <summary>
/// A dataset at its working resolution, in memory (or memory-mapped from a prepared store): images [N, C, S, S] float32 in
/// [0, 1] and masks [N, S, S] uint8 (0/1), with the name and split of each sample.
/// </summary>
public sealed class SegmentationTensorSet : IDisposable
{
    public SegmentationTensorSet(Tensor images, Tensor masks, IReadOnlyList<SampleRef> samples)
    {
        if (images.dim() != 4 || images.dtype != float32)
            throw new ArgumentException($"images must be float32 [N, C, H, W]; got {images.dtype} with {images.dim()} dimensions.", nameof(images));
        if (masks.dim() != 3 || masks.dtype != uint8)
            throw new ArgumentException($"masks must be uint8 [N, H, W]; got {masks.dtype} with {masks.dim()} dimensions.", nameof(masks));
        if (images.shape[0] != masks.shape[0] || images.shape[0] != samples.Count)
            throw new ArgumentException($"counts differ: {images.shape[0]} images, {masks.shape[0]} masks, {samples.Count} sample names.");
        if (images.shape[2] != masks.shape[1] || images.shape[3] != masks.shape[2])
            throw new ArgumentException($"image size {images.shape[2]}×{images.shape[3]} differs from mask size {masks.shape[1]}×{masks.shape[2]}.");
        Images = images;
        Masks = masks;
        Samples = samples;
    }

    /// <summary>Images [N, C, H, W], float32 in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>Masks [N, H, W], uint8 0/1.</summary>
    public Tensor Masks { get; }

    /// <summary>Name and split of each sample, in tensor order.</summary>
    public IReadOnlyList<SampleRef> Samples { get; }

    public int Count => Samples.Count;

    public int Channels => (int)Images.shape[1];

    public int Height => (int)Images.shape[2];

    public int Width => (int)Images.shape[3];

    /// <summary>The samples of one split, in their original order (copies; dispose them separately).</summary>
    public SegmentationTensorSet Subset(DatasetSplit split) => Select(
        Enumerable.Range(0, Count).Where(i => Samples[i].Split == split).ToArray());

    /// <summary>The samples at <paramref name="indices"/>, in that order (copies; dispose them separately).</summary>
    public SegmentationTensorSet Select(IReadOnlyList<int> indices)
    {
        foreach (int i in indices)
            if (i < 0 || i >= Count)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"index must be in [0, {Count}).");
        using var index = tensor(indices.Select(i => (long)i).ToArray(), int64);
        return new SegmentationTensorSet(
            Images.index_select(0, index), Masks.index_select(0, index), indices.Select(i => Samples[i]).ToList());
    }

    /// <summary>
    /// Reads every sample of <paramref name="dataset"/>, resizes it to <paramref name="size"/>² (bilinear images, nearest
    /// masks) and stacks the result. All images get the channel count of the first one: grey images in an RGB dataset are
    /// repeated to three channels; RGB images in a grey dataset are converted to luma (ITU-R BT.601 weights).
    /// </summary>
    public static SegmentationTensorSet Load(ISegmentationDataset dataset, int size, IProgress<DataProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var samples = dataset.Samples;
        if (samples.Count == 0)
            throw new DataFormatException(dataset.Spec, "the dataset has no samples.");
        var images = new List<Tensor>(samples.Count);
        var masks = new List<Tensor>(samples.Count);
        int channels = 0;
        try
        {
            for (int i = 0; i < samples.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                var sample = dataset.Load(samples[i]);
                if (sample.Image.Width != sample.Mask.Width || sample.Image.Height != sample.Mask.Height)
                    throw new DataFormatException(sample.Source,
                        $"image is {sample.Image.Width}×{sample.Image.Height} but its mask is {sample.Mask.Width}×{sample.Mask.Height}; they must match.");
                if (i == 0)
                    channels = sample.Image.Channels;
                using (var scope = NewDisposeScope())
                {
                    var image = MatchChannels(ImageTensors.FromImage(sample.Image), channels);
                    images.Add(Preprocessing.ResizeImage(image, size, size).MoveToOuterDisposeScope());
                    masks.Add(Preprocessing.ResizeMask(ImageTensors.FromMask(sample.Mask), size, size).to(uint8).MoveToOuterDisposeScope());
                }
                progress?.Report(new DataProgress(i + 1, samples.Count, samples[i].Name));
            }
            return new SegmentationTensorSet(stack(images), stack(masks), samples);
        }
        finally
        {
            foreach (var t in images.Concat(masks))
                t.Dispose();
        }
    }

    private static Tensor MatchChannels(Tensor image, int channels)
    {
        long have = image.shape[0];
        if (have == channels)
            return image;
        if (have == 1 && channels == 3)
            return image.expand(3, -1, -1).contiguous();
        var weights = tensor(new[] { 0.299f, 0.587f, 0.114f }).reshape(3, 1, 1);
        return (image * weights).sum(0, keepdim: true);
    }

    public void Dispose()
    {
        Images.Dispose();
        Masks.Dispose();
    }
}
