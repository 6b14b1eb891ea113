using Nlce.Data;
using Nlce.Data.Phantoms;

namespace Nlce.Tests.Data.Phantoms;

/// <summary>Properties every phantom generator must have, checked for both kinds.</summary>
public sealed class PhantomGeneratorTests
{
    public static TheoryData<PhantomKind> Kinds => new() { PhantomKind.Lung, PhantomKind.Skin };

    private static IPhantomGenerator Create(PhantomKind kind, int count = 10, int size = 64, int seed = 0)
    {
        var options = new PhantomOptions { Count = count, Size = size, Seed = seed };
        return kind == PhantomKind.Lung ? new PhantomLungGenerator(options) : new PhantomSkinGenerator(options);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Same_seed_and_index_give_identical_pixels_and_masks(PhantomKind kind)
    {
        var first = Create(kind).Generate(3);
        var second = Create(kind).Generate(3);
        Assert.Equal(first.Image.Pixels, second.Image.Pixels);
        Assert.Equal(first.Mask.Labels, second.Mask.Labels);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Different_seeds_or_indices_give_different_samples(PhantomKind kind)
    {
        var reference = Create(kind, seed: 0).Generate(3);
        var otherSeed = Create(kind, seed: 1).Generate(3);
        var otherIndex = Create(kind, seed: 0).Generate(4);
        Assert.NotEqual(reference.Image.Pixels, otherSeed.Image.Pixels);
        Assert.NotEqual(reference.Mask.Labels, otherSeed.Mask.Labels);
        Assert.NotEqual(reference.Image.Pixels, otherIndex.Image.Pixels);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_sample_does_not_depend_on_the_others_or_on_the_count(PhantomKind kind)
    {
        var inSequence = Create(kind, count: 10);
        SegmentationSample? seventh = null;
        for (int i = 0; i < 10; i++)
        {
            var sample = inSequence.Generate(i);
            if (i == 7)
                seventh = sample;
        }
        var alone = Create(kind, count: 500).Generate(7);
        Assert.Equal(seventh!.Image.Pixels, alone.Image.Pixels);
        Assert.Equal(seventh.Mask.Labels, alone.Mask.Labels);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Samples_have_the_promised_shape_name_split_and_source(PhantomKind kind)
    {
        var sample = Create(kind, count: 20, size: 48).Generate(17);
        Assert.Equal(48, sample.Image.Width);
        Assert.Equal(48, sample.Image.Height);
        Assert.Equal(kind == PhantomKind.Lung ? 1 : 3, sample.Image.Channels);
        Assert.Equal((48, 48), (sample.Mask.Width, sample.Mask.Height));
        Assert.Equal($"{kind.ToSpec()}-0017", sample.Name);
        Assert.Equal(DatasetSplit.Val, sample.Split);
        Assert.Contains(kind.ToSpec(), sample.Source);
        Assert.Contains("seed 0", sample.Source);
        Assert.Contains("index 17", sample.Source);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Pixels_are_finite_and_in_the_unit_interval_and_not_constant(PhantomKind kind)
    {
        var generator = Create(kind, count: 8, size: 64, seed: 5);
        for (int i = 0; i < 8; i++)
        {
            var pixels = generator.Generate(i).Image.Pixels;
            Assert.All(pixels, p => Assert.InRange(p, 0f, 1f));
            Assert.True(pixels.Max() - pixels.Min() > 0.3f, $"sample {i} has almost no contrast");
        }
    }

    [Theory]
    [InlineData(PhantomKind.Lung, 0.15, 0.40)]
    [InlineData(PhantomKind.Skin, 0.05, 0.50)]
    public void Foreground_fraction_stays_in_a_realistic_range_over_50_samples(PhantomKind kind, double low, double high)
    {
        var generator = Create(kind, count: 50, size: 96, seed: 11);
        var fractions = Enumerable.Range(0, 50).Select(i => generator.Generate(i).Mask.ForegroundFraction).ToList();
        Assert.All(fractions, f => Assert.InRange(f, low, high));
        // Not all the same size either: the phantoms vary.
        Assert.True(fractions.Max() - fractions.Min() > (kind == PhantomKind.Lung ? 0.05 : 0.2),
            $"foreground fractions vary too little: {fractions.Min():F3}–{fractions.Max():F3}");
    }

    [Fact]
    public void Lung_masks_are_two_separate_lung_fields_left_and_right()
    {
        var generator = Create(PhantomKind.Lung, count: 50, size: 96, seed: 3);
        int twoFields = 0;
        for (int i = 0; i < 50; i++)
        {
            var mask = generator.Generate(i).Mask;
            var components = ConnectedComponents.Find(mask, minimumArea: mask.Labels.Length / 200);
            if (components.Count == 2 &&
                components.Min(c => c.CentroidX) < mask.Width / 2.0 && components.Max(c => c.CentroidX) > mask.Width / 2.0)
                twoFields++;
        }
        Assert.True(twoFields >= 45, $"only {twoFields} of 50 lung masks are two fields, one on each side");
    }

    [Fact]
    public void Lesion_masks_are_one_connected_region()
    {
        var generator = Create(PhantomKind.Skin, count: 30, size: 96, seed: 3);
        for (int i = 0; i < 30; i++)
        {
            var mask = generator.Generate(i).Mask;
            Assert.Single(ConnectedComponents.Find(mask, minimumArea: 1));
        }
    }

    [Fact]
    public void Lungs_are_darker_than_the_mediastinum_and_lesions_darker_than_skin()
    {
        var lungs = Create(PhantomKind.Lung, count: 10, size: 96);
        var skin = Create(PhantomKind.Skin, count: 10, size: 96);
        for (int i = 0; i < 10; i++)
        {
            var lung = lungs.Generate(i);
            Assert.True(MeanWhere(lung, 1) + 0.2 < MediastinumMean(lung), $"lung sample {i}: lung fields not darker than the mediastinum");
            var lesion = skin.Generate(i);
            Assert.True(MeanWhere(lesion, 1) < MeanWhere(lesion, 0), $"skin sample {i}: lesion not darker than its surroundings");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Index_outside_the_dataset_throws(PhantomKind kind)
    {
        var generator = Create(kind, count: 10);
        Assert.Throws<ArgumentOutOfRangeException>("index", () => generator.Generate(10));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => generator.Generate(-1));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Renders_at_1024(PhantomKind kind)
    {
        var sample = Create(kind, count: 1, size: 1024).Generate(0);
        Assert.Equal(1024 * 1024 * (kind == PhantomKind.Lung ? 1 : 3), sample.Image.Pixels.Length);
        Assert.All(sample.Image.Pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.InRange(sample.Mask.ForegroundFraction, 0.05, 0.5);
    }

    [Fact]
    public void A_mask_at_a_larger_size_covers_the_same_fraction()
    {
        // Geometry scales with the image: the same sample at 64² and 256² outlines the same anatomy.
        var small = Create(PhantomKind.Lung, size: 64).Generate(2).Mask.ForegroundFraction;
        var large = Create(PhantomKind.Lung, size: 256).Generate(2).Mask.ForegroundFraction;
        Assert.InRange(large, small - 0.01, small + 0.01);
    }

    /// <summary>Mean of the midline strip (the central tenth of the width, 30–60 % of the height) outside the lung mask.</summary>
    private static double MediastinumMean(SegmentationSample sample)
    {
        int w = sample.Image.Width, h = sample.Image.Height;
        double sum = 0;
        int count = 0;
        for (int y = (int)(0.3 * h); y < (int)(0.6 * h); y++)
        {
            for (int x = (int)(0.45 * w); x < (int)(0.55 * w); x++)
            {
                if (sample.Mask[y, x] == 0)
                {
                    sum += sample.Image[0, y, x];
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static double MeanWhere(SegmentationSample sample, byte label)
    {
        int plane = sample.Mask.Labels.Length;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < plane; i++)
        {
            if (sample.Mask.Labels[i] != label)
                continue;
            for (int c = 0; c < sample.Image.Channels; c++)
                sum += sample.Image.Pixels[c * plane + i];
            count += sample.Image.Channels;
        }
        return sum / count;
    }
}
