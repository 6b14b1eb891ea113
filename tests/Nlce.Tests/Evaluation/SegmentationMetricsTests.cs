using Nlce.Evaluation;
using static TorchSharp.torch;

namespace Nlce.Tests.Evaluation;

public sealed class SegmentationMetricsTests
{
    public static TheoryData<byte[], byte[], double, double> HandComputedCases => new()
    {
        // predicted, target (2×3 maps), DIC, JSC
        // TP=2, FP=1, FN=1: DIC = 4/6, JSC = 2/4
        { new byte[] { 1, 1, 1, 0, 0, 0 }, new byte[] { 1, 1, 0, 1, 0, 0 }, 4.0 / 6, 2.0 / 4 },
        // identical non-empty
        { new byte[] { 0, 1, 0, 1, 0, 1 }, new byte[] { 0, 1, 0, 1, 0, 1 }, 1.0, 1.0 },
        // disjoint
        { new byte[] { 1, 0, 0, 0, 0, 0 }, new byte[] { 0, 0, 0, 0, 0, 1 }, 0.0, 0.0 },
        // both empty: the documented convention says perfect
        { new byte[6], new byte[6], 1.0, 1.0 },
        // empty prediction, non-empty truth
        { new byte[6], new byte[] { 0, 0, 1, 1, 0, 0 }, 0.0, 0.0 },
        // TP=1, FP=0, FN=3: DIC = 2/5, JSC = 1/4
        { new byte[] { 1, 0, 0, 0, 0, 0 }, new byte[] { 1, 1, 1, 1, 0, 0 }, 2.0 / 5, 1.0 / 4 },
    };

    [Theory]
    [MemberData(nameof(HandComputedCases))]
    public void Scores_equal_hand_computed_values(byte[] predicted, byte[] target, double dice, double jaccard)
    {
        using var scope = NewDisposeScope();
        var scores = SegmentationMetrics.FromLabels(tensor(predicted).reshape(2, 3), tensor(target).reshape(2, 3));
        Assert.Equal(dice, scores.Dice.Single(), 12);
        Assert.Equal(jaccard, scores.Jaccard.Single(), 12);
    }

    [Fact]
    public void A_batch_is_scored_per_image_and_means_are_over_images()
    {
        using var scope = NewDisposeScope();
        var cases = HandComputedCases.Select(row => ((byte[])row[0], (byte[])row[1], (double)row[2], (double)row[3])).ToList();
        var predicted = stack(cases.Select(c => tensor(c.Item1).reshape(2, 3)).ToArray());
        var target = stack(cases.Select(c => tensor(c.Item2).reshape(2, 3)).ToArray());
        var scores = SegmentationMetrics.FromLabels(predicted, target);
        Assert.Equal(cases.Select(c => c.Item3), scores.Dice, new ToleranceComparer(1e-12));
        Assert.Equal(cases.Average(c => c.Item4), scores.MeanJaccard, 12);
    }

    [Fact]
    public void Logits_are_scored_by_their_argmax()
    {
        using var scope = NewDisposeScope();
        // Two classes over a 1×2×2 image: foreground wins at (0,0) and (1,1).
        var logits = tensor(new float[] { 0, 5, 5, 0, /* class 1: */ 1, 0, 0, 6 }).reshape(1, 2, 2, 2);
        var target = tensor(new long[] { 1, 0, 0, 0 }).reshape(1, 2, 2);
        var scores = SegmentationMetrics.FromLogits(logits, target);
        Assert.Equal(2.0 / 3, scores.Dice.Single(), 12); // TP=1, FP=1, FN=0
    }

    [Fact]
    public void Dice_and_jaccard_satisfy_j_equals_d_over_2_minus_d()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var predicted = rand(16, 12, 12).gt(0.5);
        var target = rand(16, 12, 12).gt(0.4);
        var scores = SegmentationMetrics.FromLabels(predicted, target);
        for (int i = 0; i < 16; i++)
            Assert.Equal(scores.Dice[i] / (2 - scores.Dice[i]), scores.Jaccard[i], 12);
    }

    [Fact]
    public void Mismatched_shapes_and_wrong_ranks_are_rejected()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => SegmentationMetrics.FromLabels(zeros(2, 4, 4), zeros(2, 4, 5)));
        Assert.Contains("[2, 4, 5]", e.Message);
        Assert.Throws<ArgumentException>(() => SegmentationMetrics.FromLabels(zeros(1, 1, 4, 4), zeros(1, 1, 4, 4)));
        Assert.Throws<ArgumentException>(() => SegmentationMetrics.FromLogits(zeros(2, 4, 4), zeros(2, 4, 4)));
    }

    [Fact]
    public void Accumulator_collects_batches_and_resets()
    {
        using var scope = NewDisposeScope();
        var acc = new OverlapAccumulator();
        Assert.Throws<InvalidOperationException>(() => acc.Aggregate());
        acc.Add(ones(2, 3, 3), ones(2, 3, 3));
        acc.Add(zeros(1, 3, 3), ones(1, 3, 3));
        var all = acc.Aggregate();
        Assert.Equal(new[] { 1.0, 1.0, 0.0 }, all.Dice);
        Assert.Equal(2.0 / 3, all.MeanDice, 12);
        acc.Reset();
        Assert.Equal(0, acc.Count);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
