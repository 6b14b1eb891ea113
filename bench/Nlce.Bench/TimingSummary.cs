namespace Nlce.Bench;

/// <summary>Wall times of the timed repetitions of one figure, in milliseconds, with their order statistics.</summary>
/// <param name="SamplesMs">Every timed repetition, in the order run.</param>
/// <param name="MedianMs">The median (the figure's headline number).</param>
/// <param name="P10Ms">The 10th percentile (linear interpolation between order statistics).</param>
/// <param name="P90Ms">The 90th percentile.</param>
/// <param name="MeanMs">The mean.</param>
public sealed record TimingSummary(IReadOnlyList<double> SamplesMs, double MedianMs, double P10Ms, double P90Ms, double MeanMs)
{
    /// <summary>Summarises <paramref name="samplesMs"/> (at least one, each finite and ≥ 0).</summary>
    /// <exception cref="ArgumentException">No sample, or a negative or non-finite one.</exception>
    public static TimingSummary Of(IReadOnlyList<double> samplesMs)
    {
        ArgumentNullException.ThrowIfNull(samplesMs);
        if (samplesMs.Count == 0)
            throw new ArgumentException("no timing sample.", nameof(samplesMs));
        if (samplesMs.Any(s => !double.IsFinite(s) || s < 0))
            throw new ArgumentException($"timings must be finite and ≥ 0; got [{string.Join(", ", samplesMs)}].", nameof(samplesMs));
        var sorted = samplesMs.Order().ToArray();
        return new TimingSummary([.. samplesMs], Percentile(sorted, 0.5), Percentile(sorted, 0.1), Percentile(sorted, 0.9), samplesMs.Average());
    }

    /// <summary>The <paramref name="q"/>-quantile of sorted values, interpolating linearly between neighbours (NumPy's default).</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
