using Nlce.Data;
using Nlce.Data.Tensors;
using static TorchSharp.torch;

namespace Nlce.Tests.Data.Tensors;

public sealed class TensorPipelineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlce-tensors-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_resizes_every_sample_and_keeps_names_and_splits()
    {
        using var set = SegmentationTensorSet.Load(InMemoryDataset.Squares(6, 40), 16);
        Assert.Equal(new long[] { 6, 1, 16, 16 }, set.Images.shape);
        Assert.Equal(new long[] { 6, 16, 16 }, set.Masks.shape);
        Assert.Equal("sq3", set.Samples[3].Name);
        Assert.Equal(DatasetSplit.Test, set.Samples[3].Split);
        Assert.InRange(set.Images.min().item<float>(), 0f, 1f);
        Assert.InRange(set.Images.max().item<float>(), 0f, 1f);
        var labels = set.Masks.unique().Item1.data<byte>().ToArray();
        Assert.All(labels, v => Assert.True(v is 0 or 1));
        using var test = set.Subset(DatasetSplit.Test);
        Assert.Equal(["sq3"], test.Samples.Select(s => s.Name));
    }

    [Fact]
    public void Resized_masks_stay_aligned_with_resized_images()
    {
        using var set = SegmentationTensorSet.Load(InMemoryDataset.Squares(4, 64), 32);
        // Bright pixels (0.9) are the mask pixels, up to the one-pixel anti-aliased border (at most its perimeter).
        for (int i = 0; i < set.Count; i++)
        {
            using var scope = NewDisposeScope();
            var bright = set.Images[i, 0].gt(0.5f);
            var mask = set.Masks[i].ne(0);
            var disagreement = bright.logical_xor(mask).sum().item<long>();
            var perimeter = 4 * (long)Math.Ceiling(Math.Sqrt(mask.sum().item<long>())) + 4;
            Assert.True(disagreement <= perimeter, $"sample {i}: {disagreement} pixels disagree (perimeter {perimeter})");
        }
    }

    [Fact]
    public void Mixed_channel_counts_follow_the_first_image()
    {
        var grey = InMemoryDataset.Squares(2, 16, channels: 1);
        var rgb = InMemoryDataset.Squares(2, 16, channels: 3);
        var refs = new List<SampleRef> { new("sq0", DatasetSplit.Train), new("sq1", DatasetSplit.Train) };
        var mixed = new InMemoryDataset("mixed", refs, r => r.Name == "sq0" ? rgb.Load(r) : grey.Load(r));
        using var set = SegmentationTensorSet.Load(mixed, 16);
        Assert.Equal(3, set.Channels);
        Assert.True(set.Images[1, 0].equal(set.Images[1, 2]).all().item<bool>()); // grey repeated
    }

    [Fact]
    public void A_mask_whose_size_differs_from_its_image_is_an_error_naming_the_source()
    {
        var refs = new List<SampleRef> { new("bad", DatasetSplit.Train) };
        var bad = new InMemoryDataset("bad", refs, r => new SegmentationSample(r.Name, r.Split,
            new ImageData(8, 8, 1, new float[64]), new MaskData(8, 6, new byte[48]), "/data/bad.png"));
        var e = Assert.Throws<DataFormatException>(() => SegmentationTensorSet.Load(bad, 8));
        Assert.Contains("/data/bad.png", e.Message);
        Assert.Contains("8×6", e.Message);
    }

    [Fact]
    public void An_empty_dataset_is_an_error()
    {
        var empty = new InMemoryDataset("empty-set", [], _ => throw new InvalidOperationException());
        var e = Assert.Throws<DataFormatException>(() => SegmentationTensorSet.Load(empty, 8));
        Assert.Contains("empty-set", e.Message);
    }

    [Fact]
    public void Flips_move_image_and_mask_identically_and_no_augmentation_is_the_identity()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var masks = rand(3, 12, 12).gt(0.5).to(int64);
        var images = masks.unsqueeze(1).to(float32);
        var (same, sameMasks) = new PairedAugmentation(0, 0).Apply(images, masks, new Random(1));
        Assert.True(same.allclose(images, atol: 1e-5));
        Assert.True(sameMasks.equal(masks).all().item<bool>());

        var (flipped, flippedMasks) = new PairedAugmentation(1, 0).Apply(images, masks, new Random(1));
        Assert.True(flipped.allclose(images.flip(2, 3), atol: 1e-5));
        Assert.True(flippedMasks.equal(masks.flip(1, 2)).all().item<bool>());
    }

    [Fact]
    public void Rotations_stay_within_bounds_keep_labels_and_repeat_for_a_seed()
    {
        using var scope = NewDisposeScope();
        using var set = SegmentationTensorSet.Load(InMemoryDataset.Squares(4, 32), 32);
        var masks = set.Masks.to(int64);
        var (a, am) = PairedAugmentation.Paper.Apply(set.Images, masks, new Random(9));
        var (b, bm) = PairedAugmentation.Paper.Apply(set.Images, masks, new Random(9));
        Assert.True(a.equal(b).all().item<bool>());
        Assert.True(am.equal(bm).all().item<bool>());
        Assert.InRange(a.min().item<float>(), 0f, 1f);
        Assert.InRange(a.max().item<float>(), 0f, 1f);
        Assert.All(am.unique().Item1.data<long>().ToArray(), v => Assert.True(v is 0 or 1));
        // A rotation of at most 10° keeps a centred square's area within a few percent.
        var before = masks.sum().item<long>();
        var after = am.sum().item<long>();
        Assert.InRange(after, (long)(before * 0.9), (long)(before * 1.1));
    }

    [Fact]
    public void Epochs_visit_every_sample_once_in_a_seeded_order()
    {
        using var set = SegmentationTensorSet.Load(InMemoryDataset.Squares(10, 16), 16);
        var iterator = new BatchIterator(set, 4, seed: 3, augmentation: null, CPU);
        Assert.Equal(3, iterator.BatchCount);
        int[] Order(BatchIterator it, int epoch) => it.Epoch(epoch).SelectMany(b => { using (b) return b.Indices; }).ToArray();
        var first = Order(iterator, 0);
        Assert.Equal(Enumerable.Range(0, 10), first.Order());
        Assert.Equal(first, Order(new BatchIterator(set, 4, 3, null, CPU), 0));
        Assert.NotEqual(first, Order(iterator, 1));
        Assert.Equal(Enumerable.Range(0, 10), Order(new BatchIterator(set, 4, null, null, CPU), 0));
        foreach (var batch in iterator.Epoch(0))
            using (batch)
                Assert.Equal(ScalarType.Int64, batch.Masks.dtype);
        Assert.Throws<ArgumentException>(() => new BatchIterator(set, 4, null, PairedAugmentation.Paper, CPU));
    }

    [Fact]
    public void Prepared_store_reuses_an_entry_until_the_fingerprint_changes()
    {
        var dataset = InMemoryDataset.Squares(5, 24);
        var store = new PreparedDatasetStore(folder);
        using (var first = store.Prepare(dataset, "fp-one", 16))
        using (var direct = SegmentationTensorSet.Load(InMemoryDataset.Squares(5, 24), 16))
        {
            Assert.True(first.Images.equal(direct.Images).all().item<bool>());
            Assert.True(first.Masks.equal(direct.Masks).all().item<bool>());
            Assert.Equal(direct.Samples, first.Samples);
        }
        Assert.Equal(5, dataset.Loads);
        using (store.Prepare(dataset, "fp-one", 16)) { }
        Assert.Equal(5, dataset.Loads); // reused, nothing read again
        Assert.True(store.IsPrepared("test-squares", 16, "fp-one"));
        using (store.Prepare(dataset, "fp-two", 16)) { }
        Assert.Equal(10, dataset.Loads);
        Assert.Empty(Directory.GetDirectories(folder, ".tmp-*"));
    }

    [Fact]
    public void A_truncated_prepared_file_is_reported_by_name()
    {
        var store = new PreparedDatasetStore(folder);
        using (store.Prepare(InMemoryDataset.Squares(3, 16), "fp", 16)) { }
        string entry = store.EntryFolder("test-squares", 16, "fp");
        string images = Path.Combine(entry, "images.f32");
        using (var stream = File.Open(images, FileMode.Open))
            stream.SetLength(stream.Length - 10);
        var e = Assert.Throws<DataFormatException>(() => PreparedDatasetStore.Open(entry));
        Assert.Contains("images.f32", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Normalization_gives_zero_mean_unit_std_per_channel()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var images = rand(8, 3, 10, 10) * tensor(new[] { 1f, 0.5f, 0.2f }).reshape(1, 3, 1, 1);
        var normalization = Normalization.Compute(images);
        var normalized = normalization.Apply(images);
        Assert.True(normalized.mean([0, 2, 3]).abs().max().item<float>() < 1e-4f);
        Assert.True((normalized.std([0, 2, 3]) - 1).abs().max().item<float>() < 1e-3f);
        Assert.Throws<ArgumentException>(() => normalization.Apply(rand(1, 1, 4, 4)));
    }
}
