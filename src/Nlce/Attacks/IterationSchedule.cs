namespace Nlce.Attacks;

/// <summary>
/// How many iterations an iterative attack runs for a given ε: either a fixed count, or Kurakin et al.'s rule that the
/// NLCEN paper adopts (Adversarial Attacks section: "the number of iterations to min(ε + 4, ⌈1.25ε⌉)").
/// </summary>
public sealed record IterationSchedule
{
    private IterationSchedule(int? fixedCount)
    {
        FixedCount = fixedCount;
    }

    /// <summary>
    /// Kurakin, Goodfellow and Bengio (2016), as quoted by NLCEN: ⌈min(ε + 4, 1.25ε)⌉ iterations for ε in intensity units.
    /// This equals the paper's min(ε + 4, ⌈1.25ε⌉) for every ε of <see cref="TargetedIfgsm.PaperEpsilons"/> and every integer ε;
    /// for the other ε, where the paper's expression is not an integer, it rounds up. ε = 0 gives 0 iterations, any ε &gt; 0 at least 1.
    /// </summary>
    public static IterationSchedule Kurakin { get; } = new((int?)null);

    /// <summary>A fixed number of iterations, whatever ε is.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static IterationSchedule Fixed(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new IterationSchedule(count);
    }

    /// <summary>The fixed count, or null for <see cref="Kurakin"/>.</summary>
    public int? FixedCount { get; }

    /// <summary>The number of iterations at <paramref name="epsilonIntensity"/> (0–255 scale).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The Kurakin rule is asked for a negative, NaN or infinite ε.</exception>
    public int For(double epsilonIntensity)
    {
        if (FixedCount is int count)
            return count;
        if (!double.IsFinite(epsilonIntensity) || epsilonIntensity < 0)
            throw new ArgumentOutOfRangeException(nameof(epsilonIntensity), epsilonIntensity,
                "the Kurakin iteration schedule needs a finite ε ≥ 0 (intensity units).");
        if (epsilonIntensity == 0)
            return 0;
        // Rounded to 9 decimals first so that 1.25ε computed in binary floating point (e.g. 1.25 · 0.8 = 1.0000000000000002)
        // does not round up past the exact value.
        double exact = Math.Round(Math.Min(epsilonIntensity + 4, 1.25 * epsilonIntensity), 9);
        return Math.Max(1, (int)Math.Ceiling(exact));
    }

    /// <inheritdoc />
    public override string ToString() => FixedCount is int count ? $"{count} iterations" : "⌈min(ε + 4, 1.25ε)⌉ iterations";
}
