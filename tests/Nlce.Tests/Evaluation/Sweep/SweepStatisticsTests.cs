using Nlce.Evaluation.Results;
using Nlce.Evaluation.Statistics;
using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation.Sweep;

/// <summary>The report helpers on a store filled by hand, rows written in scrambled order so that pairing by position would fail.</summary>
public sealed class SweepStatisticsTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly ResultsStore store;

    // Model A's DIC per image; B is A minus 0.01·(1..5) on the shared images, so every correctly paired difference A − B is positive.
    private static readonly (string Image, double A, double B)[] Shared =
        [("a", 0.90, 0.89), ("b", 0.85, 0.83), ("c", 0.80, 0.77), ("d", 0.75, 0.71), ("e", 0.70, 0.65)];

    public SweepStatisticsTests()
    {
        store = ResultsStore.Open(folder.File("hand.sqlite"));
        string run = store.BeginRun(new RunInfo("{}", "hand", "test", "cpu", "cpu"));
        var rows = new List<ResultRow>();
        foreach (var (image, a, b) in Shared.Reverse())
            rows.Add(Row("B", "fgsm", 4, image, b));
        foreach (var (image, a, _) in Shared)
            rows.Add(Row("A", "fgsm", 4, image, a));
        rows.Add(Row("A", "fgsm", 4, "f", 0.5));  // A only
        rows.Add(Row("B", "fgsm", 4, "g", 0.5));  // B only
        store.Write(run, rows);
    }

    [Fact]
    public void Model_comparison_pairs_images_by_name_and_lists_the_unpaired()
    {
        var comparison = SweepStatistics.CompareModels(store, "A", "B", "fgsm", 4);

        Assert.Equal(Shared.Select(s => (0, s.Image, s.A, s.B)), comparison.Pairs.Select(p => (p.Seed, p.Image, p.First, p.Second)));
        Assert.Equal(["0/f"], comparison.OnlyFirst);
        Assert.Equal(["0/g"], comparison.OnlySecond);
        // All five differences positive: W⁺ = 1 + … + 5 = 15, W⁻ = 0; exact two-sided p = 2 · (1/2⁵).
        Assert.Equal((15.0, 0.0, 0.0625, WilcoxonMethod.Exact), (comparison.Test.PositiveRankSum, comparison.Test.NegativeRankSum,
            comparison.Test.PValue, comparison.Test.Method));
        Assert.Equal(WilcoxonSignedRank.Test(Shared.Select(s => s.A).ToArray(), Shared.Select(s => s.B).ToArray()), comparison.Test);
        Assert.Equal(0.03, comparison.MeanDifference, 12);
        Assert.Equal(ScoreMetric.Dice, comparison.Metric);
    }

    [Fact]
    public void Jaccard_is_compared_when_asked()
    {
        var comparison = SweepStatistics.CompareModels(store, "A", "B", "fgsm", 4, ScoreMetric.Jaccard);
        Assert.Equal(Shared.Select(s => Jaccard(s.A)), comparison.Pairs.Select(p => p.First));
    }

    [Fact]
    public void Clean_vs_attacked_and_the_drop_are_clean_minus_attacked_per_image()
    {
        string run = store.BeginRun(new RunInfo("{}", "hand", "test", "cpu", "cpu"));
        double[] clean = [0.95, 0.90, 0.97, 0.92];
        double[] at2 = [0.90, 0.90, 0.80, 0.88];
        double[] at8 = [0.50, 0.20, 0.70, 0.40];
        var rows = new List<ResultRow>();
        for (int i = 0; i < clean.Length; i++)
        {
            rows.Add(Row("C", ResultKey.CleanAttack, 0, $"img{i}", clean[i]));
            rows.Add(Row("C", "pgd", 8, $"img{3 - i}", at8[3 - i]));
            rows.Add(Row("C", "pgd", 2, $"img{i}", at2[i]));
        }
        store.Write(run, rows);

        var comparison = SweepStatistics.CompareCleanAndAttacked(store, "C", "pgd", 8);
        Assert.Equal(clean.Zip(at8, (c, a) => c - a), comparison.Pairs.Select(p => p.Difference));
        Assert.Equal((10.0, 0.0), (comparison.Test.PositiveRankSum, comparison.Test.NegativeRankSum));  // every image drops

        var drops = SweepStatistics.DropFromClean(store, "C", "pgd", bootstrapSeed: 7);
        Assert.Equal([2.0, 8.0], drops.Select(d => d.Epsilon));
        Assert.Equal(clean.Zip(at2, (c, a) => c - a).Average(), drops[0].Drop.Mean, 12);
        Assert.Equal(clean.Zip(at8, (c, a) => c - a).Average(), drops[1].Drop.Mean, 12);
        Assert.All(drops, d => Assert.True(d.Drop.Lower <= d.Drop.Mean && d.Drop.Mean <= d.Drop.Upper && d.Drop.Level == 0.95, $"{d}"));
        Assert.All(drops, d => Assert.Equal((4, 0), (d.Images, d.Unpaired.Count)));
        Assert.Equal(BootstrapInterval.OfMean(clean.Zip(at8, (c, a) => c - a).ToArray(), 7), drops[1].Drop);

        var jaccard = SweepStatistics.DropFromClean(store, "C", "pgd", ScoreMetric.Jaccard);
        Assert.Equal(clean.Zip(at8, (c, a) => Jaccard(c) - Jaccard(a)).Average(), jaccard[1].Drop.Mean, 12);
    }

    [Fact]
    public void Seeds_pair_separately_and_can_be_filtered()
    {
        string run = store.BeginRun(new RunInfo("{}", "hand", "test", "cpu", "cpu"));
        store.Write(run, Shared.SelectMany(s => new[] { Row("A", "fgsm", 4, s.Image, s.B, seed: 1), Row("B", "fgsm", 4, s.Image, s.A, seed: 1) }).ToArray());

        var both = SweepStatistics.CompareModels(store, "A", "B", "fgsm", 4);
        Assert.Equal(10, both.Pairs.Count);
        Assert.Equal(0, both.MeanDifference, 12);  // seed 1 mirrors seed 0
        var seedOne = SweepStatistics.CompareModels(store, "A", "B", "fgsm", 4, seed: 1);
        Assert.All(seedOne.Pairs, p => Assert.True(p.Seed == 1 && p.Difference < 0));
        Assert.Empty(seedOne.OnlyFirst);
    }

    [Fact]
    public void Conditions_without_common_images_fail_with_names()
    {
        var models = Assert.Throws<ArgumentException>(() => SweepStatistics.CompareModels(store, "A", "Z", "fgsm", 4));
        Assert.Contains("'Z fgsm ε=4' (0 rows)", models.Message);
        var epsilon = Assert.Throws<ArgumentException>(() => SweepStatistics.CompareModels(store, "A", "B", "fgsm", 8));
        Assert.Contains("ε=8", epsilon.Message);
        var clean = Assert.Throws<ArgumentException>(() => SweepStatistics.DropFromClean(store, "A", "fgsm"));
        Assert.Contains("no clean rows", clean.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepStatistics.CompareModels(store, "A", "B", "fgsm", 4, (ScoreMetric)7));
    }

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    /// <summary>A row whose JSC follows from its DIC (J = D / (2 − D)), as for one real mask pair.</summary>
    private static ResultRow Row(string model, string attack, double epsilon, string image, double dice, int seed = 0) =>
        new(new ResultKey(model, attack, epsilon, ResultKey.NoDefense, seed, image), dice, Jaccard(dice));

    private static double Jaccard(double dice) => dice / (2 - dice);
}
