using Nlce.Runtime;
using static TorchSharp.torch;

namespace Nlce.Data.Tensors;

/// <summary>One mini-batch on its device: images [B, C, H, W] float32, masks [B, H, W] int64, and their indices in the set.</summary>
public sealed record SegmentationBatch(Tensor Images, Tensor Masks, int[] Indices) : IDisposable
{
    public void Dispose()
    {
        Images.Dispose();
        Masks.Dispose();
    }
}

/// <summary>
/// Seeded shuffling and batching of a <see cref="SegmentationTensorSet"/>. The order and augmentation of epoch e depend only on
/// (seed, e), so a resumed run sees the same batches as an uninterrupted one.
/// </summary>
public sealed class BatchIterator
{
    private readonly SegmentationTensorSet set;
    private readonly int batchSize;
    private readonly int? seed;
    private readonly PairedAugmentation? augmentation;
    private readonly Device device;

    /// <param name="set">The samples to iterate.</param>
    /// <param name="batchSize">Samples per batch (the last batch may be smaller).</param>
    /// <param name="seed">Shuffle and augmentation seed; null keeps the set's order and forbids augmentation.</param>
    /// <param name="augmentation">Paired augmentation, or null for none.</param>
    /// <param name="device">Where batches are placed.</param>
    public BatchIterator(SegmentationTensorSet set, int batchSize, int? seed, PairedAugmentation? augmentation, Device device)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (augmentation is not null && seed is null)
            throw new ArgumentException("augmentation needs a seed, so that runs are reproducible.", nameof(augmentation));
        this.set = set;
        this.batchSize = batchSize;
        this.seed = seed;
        this.augmentation = augmentation;
        this.device = device;
    }

    /// <summary>Number of batches per epoch.</summary>
    public int BatchCount => (set.Count + batchSize - 1) / batchSize;

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based). Dispose each batch after use.</summary>
    public IEnumerable<SegmentationBatch> Epoch(int epoch)
    {
        int[] order = Enumerable.Range(0, set.Count).ToArray();
        Random? random = null;
        if (seed is int s)
        {
            random = new Random(Determinism.Derive(s, $"epoch {epoch}"));
            random.Shuffle(order);
        }
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int[] indices = order[start..Math.Min(order.Length, start + batchSize)];
            yield return MakeBatch(indices, random);
        }
    }

    private SegmentationBatch MakeBatch(int[] indices, Random? random)
    {
        using var scope = NewDisposeScope();
        using var index = tensor(indices.Select(i => (long)i).ToArray(), int64);
        var images = set.Images.index_select(0, index).to(device);
        var masks = set.Masks.index_select(0, index).to(device).to(int64);
        if (augmentation is not null)
            (images, masks) = augmentation.Apply(images, masks, random!);
        return new SegmentationBatch(images.MoveToOuterDisposeScope(), masks.MoveToOuterDisposeScope(), indices);
    }
}
