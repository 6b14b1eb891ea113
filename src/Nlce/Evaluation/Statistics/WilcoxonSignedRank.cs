namespace Nlce.Evaluation.Statistics;

/// <summary>How the p-value of a <see cref="WilcoxonSignedRank"/> test was obtained.</summary>
public enum WilcoxonMethod
{
    /// <summary>The exact permutation distribution of the signed-rank statistic given the observed ranks.</summary>
    Exact,

    /// <summary>The normal approximation with the tie correction of the variance.</summary>
    Normal,
}

/// <summary>Result of a two-sided Wilcoxon signed-rank test on paired samples.</summary>
/// <param name="PairCount">Number of pairs given.</param>
/// <param name="ZeroDifferences">Pairs with zero difference; they are discarded before ranking (Wilcoxon's convention).</param>
/// <param name="RankedCount">Pairs ranked: <c>PairCount − ZeroDifferences</c>.</param>
/// <param name="PositiveRankSum">W⁺: the sum of the ranks of positive differences (first − second).</param>
/// <param name="NegativeRankSum">W⁻: the sum of the ranks of negative differences.</param>
/// <param name="Z">Standardised statistic (W⁺ − mean)/sd; reported for both methods, 0 when nothing was ranked.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Method">Exact or normal approximation.</param>
public sealed record WilcoxonResult(int PairCount, int ZeroDifferences, int RankedCount, double PositiveRankSum, double NegativeRankSum,
    double Z, double PValue, WilcoxonMethod Method)
{
    /// <summary>T = min(W⁺, W⁻), the statistic most tables use.</summary>
    public double Statistic => Math.Min(PositiveRankSum, NegativeRankSum);

    /// <summary>Median-free direction of the effect: +1 when the first sample tends to be larger, −1 when smaller, 0 when balanced.</summary>
    public int Direction => Math.Sign(PositiveRankSum - NegativeRankSum);
}

/// <summary>
/// Two-sided Wilcoxon signed-rank test for paired per-image scores (companion paper 002 reports it for "A vs B under one attack
/// and ε" and "clean vs attacked").
/// </summary>
/// <remarks>
/// Differences d = first − second; zero differences are discarded; |d| are ranked with mid-ranks for ties.
/// For at most <see cref="ExactLimit"/> ranked pairs the p-value comes from the exact distribution of W⁺ over all 2ⁿ sign
/// assignments of the observed (mid-)ranks, computed by dynamic programming on doubled ranks (integers even with ties). Above
/// that, the normal approximation: mean n(n+1)/4, variance n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups of size t, no
/// continuity correction. Two-sided p = min(1, 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w))).
/// </remarks>
public static class WilcoxonSignedRank
{
    /// <summary>Largest number of ranked pairs for which the exact distribution is used.</summary>
    public const int ExactLimit = 50;

    /// <summary>Tests whether <paramref name="first"/> and <paramref name="second"/> (paired) differ in location.</summary>
    public static WilcoxonResult Test(IReadOnlyList<double> first, IReadOnlyList<double> second, WilcoxonMethod? method = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
            throw new ArgumentException($"paired samples must have equal length; got {first.Count} and {second.Count}.", nameof(second));
        var differences = new double[first.Count];
        for (int i = 0; i < differences.Length; i++)
        {
            differences[i] = first[i] - second[i];
            if (double.IsNaN(differences[i]))
                throw new ArgumentException($"pair {i} contains NaN.", nameof(first));
        }
        return TestDifferences(differences, method);
    }

    /// <summary>The same test on precomputed differences.</summary>
    public static WilcoxonResult TestDifferences(IReadOnlyList<double> differences, WilcoxonMethod? method = null)
    {
        var nonZero = differences.Where(d => d != 0).ToArray();
        int zeros = differences.Count - nonZero.Length;
        int n = nonZero.Length;
        if (n == 0)
            return new WilcoxonResult(differences.Count, zeros, 0, 0, 0, 0, 1, method ?? WilcoxonMethod.Exact);

        var ranks = MidRanks(nonZero.Select(Math.Abs).ToArray(), out var tieSizes);
        double positive = 0;
        for (int i = 0; i < n; i++)
            if (nonZero[i] > 0)
                positive += ranks[i];
        double total = n * (n + 1) / 2.0;
        double mean = total / 2;
        double variance = n * (n + 1) * (2 * n + 1) / 24.0 - tieSizes.Sum(t => (double)t * t * t - t) / 48.0;
        double z = variance > 0 ? (positive - mean) / Math.Sqrt(variance) : 0;

        var chosen = method ?? (n <= ExactLimit ? WilcoxonMethod.Exact : WilcoxonMethod.Normal);
        double p = chosen == WilcoxonMethod.Exact
            ? ExactTwoSided(ranks, positive)
            : Math.Min(1, 2 * NormalDistribution.Cdf(-Math.Abs(z)));
        return new WilcoxonResult(differences.Count, zeros, n, positive, total - positive, z, p, chosen);
    }

    private static double ExactTwoSided(double[] ranks, double positive)
    {
        // Doubled mid-ranks are integers; count the sign assignments reaching each doubled rank sum.
        var doubled = ranks.Select(r => (int)Math.Round(2 * r)).ToArray();
        int max = doubled.Sum();
        var counts = new double[max + 1];
        counts[0] = 1;
        int reach = 0;
        foreach (int r in doubled)
        {
            for (int s = reach; s >= 0; s--)
                if (counts[s] != 0)
                    counts[s + r] += counts[s];
            reach += r;
        }
        int observed = (int)Math.Round(2 * positive);
        double all = Math.Pow(2, ranks.Length);
        double lower = 0, upper = 0;
        for (int s = 0; s <= max; s++)
        {
            if (s <= observed)
                lower += counts[s];
            if (s >= observed)
                upper += counts[s];
        }
        return Math.Min(1, 2 * Math.Min(lower, upper) / all);
    }

    /// <summary>1-based ranks of <paramref name="values"/>, ties sharing the mean of their positions; reports each tie group's size.</summary>
    internal static double[] MidRanks(double[] values, out List<int> tieSizes)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        tieSizes = [];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                ranks[order[k]] = rank;
            if (end > start)
                tieSizes.Add(end - start + 1);
            start = end + 1;
        }
        return ranks;
    }
}
