using Nlce.Evaluation.Statistics;

namespace Nlce.Tests.Evaluation;

public sealed class StatisticsTests
{
    [Fact]
    public void All_positive_differences_of_five_pairs_give_the_smallest_exact_p()
    {
        var r = WilcoxonSignedRank.TestDifferences([1, 2, 3, 4, 5]);
        Assert.Equal(15, r.PositiveRankSum);
        Assert.Equal(0, r.Statistic);
        Assert.Equal(WilcoxonMethod.Exact, r.Method);
        Assert.Equal(2.0 / 32, r.PValue, 12); // only the all-positive and all-negative assignments are as extreme
        Assert.Equal(1, r.Direction);
    }

    [Fact]
    public void Zero_differences_are_discarded_before_ranking()
    {
        // d = [0, 1, -2, 3] → ranks of 1, 2, 3 with signs +, −, +: W⁺ = 4. W⁺ over the 8 sign assignments: 0,1,2,3,3,4,5,6.
        var r = WilcoxonSignedRank.TestDifferences([0, 1, -2, 3]);
        Assert.Equal(1, r.ZeroDifferences);
        Assert.Equal(3, r.RankedCount);
        Assert.Equal(4, r.PositiveRankSum);
        Assert.Equal(2, r.NegativeRankSum);
        Assert.Equal(2 * 3.0 / 8, r.PValue, 12); // P(W⁺ ≥ 4) = 3/8
    }

    [Fact]
    public void Ties_share_mid_ranks_and_the_exact_distribution_uses_them()
    {
        // |d| = 1, 1, 2, 3 → ranks 1.5, 1.5, 3, 4; W⁺ = 1.5 + 1.5 + 4 = 7. Doubled ranks {3, 3, 6, 8}: the 16 subset sums are
        // 0,3,3,6,6,8,9,9,11,11,12,14,14,17,17,20; doubled W⁺ = 14 and P(≥ 14) = 5/16.
        var r = WilcoxonSignedRank.TestDifferences([1, 1, -2, 3]);
        Assert.Equal(7, r.PositiveRankSum);
        Assert.Equal(3, r.NegativeRankSum);
        Assert.Equal(2 * 5.0 / 16, r.PValue, 12);
    }

    [Fact]
    public void Fifteen_pairs_match_the_exact_and_normal_values()
    {
        // Differences of a classic textbook example (Darwin's plants as used in many references): T = 24, n = 15.
        double[] d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
        var exact = WilcoxonSignedRank.TestDifferences(d);
        Assert.Equal(24, exact.Statistic);
        Assert.Equal(WilcoxonMethod.Exact, exact.Method);
        Assert.Equal(0.041259765625, exact.PValue, 12); // = 1352 / 32768
        var normal = WilcoxonSignedRank.TestDifferences(d, WilcoxonMethod.Normal);
        // mean = 60, variance = 15·16·31/24 = 310, z = (96 − 60)/√310 for W⁺ = 96; p = 2Φ(−|z|).
        Assert.Equal(36 / Math.Sqrt(310), normal.Z, 12);
        Assert.Equal(2 * NormalDistribution.Cdf(-36 / Math.Sqrt(310)), normal.PValue, 12);
        Assert.Equal(0.04088, normal.PValue, 4);
    }

    [Fact]
    public void Normal_approximation_corrects_the_variance_for_ties()
    {
        // |d| = 1,1,1,2 → tie group of 3: variance = 4·5·9/24 − (27 − 3)/48 = 7.5 − 0.5 = 7.
        var r = WilcoxonSignedRank.TestDifferences([1, 1, -1, 2], WilcoxonMethod.Normal);
        // ranks 2, 2, 2, 4; W⁺ = 8; mean = 5.
        Assert.Equal(8, r.PositiveRankSum);
        Assert.Equal(3 / Math.Sqrt(7), r.Z, 12);
    }

    [Fact]
    public void Large_samples_use_the_normal_approximation_and_agree_with_exact_roughly()
    {
        var random = new Random(4);
        var d = Enumerable.Range(0, 60).Select(_ => random.NextDouble() - 0.42).ToArray();
        var auto = WilcoxonSignedRank.TestDifferences(d);
        var exact = WilcoxonSignedRank.TestDifferences(d, WilcoxonMethod.Exact);
        Assert.Equal(WilcoxonMethod.Normal, auto.Method);
        Assert.InRange(exact.PValue, 0.005, 0.2); // away from the far tail, where relative errors grow
        Assert.InRange(auto.PValue, exact.PValue * 0.9, exact.PValue * 1.1);
    }

    [Fact]
    public void Paired_inputs_are_validated_and_all_zero_differences_give_p_one()
    {
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRank.Test([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRank.Test([double.NaN], [1.0]));
        var r = WilcoxonSignedRank.Test([0.9, 0.8], [0.9, 0.8]);
        Assert.Equal(1, r.PValue);
        Assert.Equal(0, r.RankedCount);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-3.0, 0.0013498980316301)]
    [InlineData(-6.0, 9.865876450377e-10)]
    public void Normal_cdf_matches_tabulated_values(double z, double expected) =>
        Assert.Equal(expected, NormalDistribution.Cdf(z), 1e-12 + expected * 1e-9);

    [Fact]
    public void Bootstrap_interval_brackets_the_mean_narrows_with_more_data_and_repeats_for_a_seed()
    {
        var random = new Random(1);
        var small = Enumerable.Range(0, 20).Select(_ => random.NextDouble()).ToArray();
        var large = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();
        var a = BootstrapInterval.OfMean(small, seed: 3);
        Assert.InRange(a.Mean, a.Lower, a.Upper);
        Assert.Equal(a, BootstrapInterval.OfMean(small, seed: 3));
        var b = BootstrapInterval.OfMean(large, seed: 3);
        Assert.True(b.Upper - b.Lower < a.Upper - a.Lower);
        // Uniform(0,1): sd ≈ 0.2887, so the 95% half-width of the mean of 500 is ≈ 1.96·0.2887/√500 ≈ 0.0253.
        Assert.InRange((b.Upper - b.Lower) / 2, 0.018, 0.033);
        var constant = BootstrapInterval.OfMean([0.5, 0.5, 0.5], seed: 1);
        Assert.Equal((0.5, 0.5), (constant.Lower, constant.Upper));
        Assert.Throws<ArgumentException>(() => BootstrapInterval.OfMean([], 1));
    }
}
