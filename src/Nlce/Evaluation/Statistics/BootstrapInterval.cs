namespace Nlce.Evaluation.Statistics;

/// <summary>A mean with a bootstrap confidence interval.</summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="Lower">Lower bound of the interval.</param>
/// <param name="Upper">Upper bound of the interval.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Resamples">Number of bootstrap resamples.</param>
public sealed record MeanWithInterval(double Mean, double Lower, double Upper, double Level, int Resamples);

/// <summary>
/// Percentile bootstrap interval of a mean (Efron): resample the values with replacement, take the mean of each resample, and
/// report the (1 − level)/2 and (1 + level)/2 quantiles of those means. Used for the mean drop in DIC/JSC from clean to each ε.
/// </summary>
public static class BootstrapInterval
{
    /// <summary>Mean of <paramref name="values"/> with a percentile bootstrap interval; deterministic for a seed.</summary>
    public static MeanWithInterval OfMean(IReadOnlyList<double> values, int seed, double level = 0.95, int resamples = 2000)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("cannot bootstrap an empty sample.", nameof(values));
        if (level is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(level), level, "level must be in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        var random = new Random(seed);
        var means = new double[resamples];
        int n = values.Count;
        for (int b = 0; b < resamples; b++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
                sum += values[random.Next(n)];
            means[b] = sum / n;
        }
        Array.Sort(means);
        double alpha = (1 - level) / 2;
        return new MeanWithInterval(values.Average(), Quantile(means, alpha), Quantile(means, 1 - alpha), level, resamples);
    }

    /// <summary>Linear-interpolation quantile of sorted values (type 7).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
