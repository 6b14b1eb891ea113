namespace Nlce.Charts;

/// <summary>Which overlap score a robustness figure plots (He et al. 2019: DIC is Fig. 4, JSC is Fig. 5).</summary>
public enum SegmentationMetric
{
    /// <summary>Dice coefficient (DIC).</summary>
    Dice,

    /// <summary>Jaccard similarity (JSC).</summary>
    Jaccard,
}

/// <summary>
/// One point of a robustness curve: a model's mean Dice and Jaccard at attack strength <see cref="Epsilon"/> (in the
/// paper's 0–255 intensity units). Rows like this come from the results store's figure data.
/// </summary>
public sealed record RobustnessPoint
{
    public RobustnessPoint(string model, double epsilon, double dice, double jaccard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        FigureChecks.RequireFinite(epsilon, nameof(epsilon));
        FigureChecks.RequireUnit(dice, nameof(dice));
        FigureChecks.RequireUnit(jaccard, nameof(jaccard));
        if (epsilon < 0)
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be ≥ 0 (0–255 intensity units).");
        Model = model;
        Epsilon = epsilon;
        Dice = dice;
        Jaccard = jaccard;
    }

    public string Model { get; }
    public double Epsilon { get; }
    public double Dice { get; }
    public double Jaccard { get; }

    /// <summary>The score selected by <paramref name="metric"/>.</summary>
    public double Score(SegmentationMetric metric) => metric == SegmentationMetric.Dice ? Dice : Jaccard;
}

/// <summary>
/// One point of Fig. 8 (generalization of NLCE): a baseline segmentation network with or without the NLCE module,
/// its score at attack strength <see cref="Epsilon"/>.
/// </summary>
public sealed record GeneralizationPoint
{
    public GeneralizationPoint(string baseline, bool withNlce, double epsilon, double score)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseline);
        FigureChecks.RequireFinite(epsilon, nameof(epsilon));
        FigureChecks.RequireUnit(score, nameof(score));
        Baseline = baseline;
        WithNlce = withNlce;
        Epsilon = epsilon;
        Score = score;
    }

    public string Baseline { get; }
    public bool WithNlce { get; }
    public double Epsilon { get; }
    public double Score { get; }
}

/// <summary>
/// One point of a defense curve with its confidence band: the mean score of a defense at attack strength
/// <see cref="Epsilon"/> and the band's <see cref="Lower"/> and <see cref="Upper"/> bounds (e.g. a 95 % bootstrap
/// interval over images).
/// </summary>
public sealed record DefenseBandPoint
{
    public DefenseBandPoint(string defense, double epsilon, double mean, double lower, double upper)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defense);
        FigureChecks.RequireFinite(epsilon, nameof(epsilon));
        FigureChecks.RequireUnit(mean, nameof(mean));
        FigureChecks.RequireUnit(lower, nameof(lower));
        FigureChecks.RequireUnit(upper, nameof(upper));
        if (!(lower <= mean && mean <= upper))
            throw new ArgumentException($"expected lower ≤ mean ≤ upper; got {lower} ≤ {mean} ≤ {upper} for {defense} at ε={epsilon}.", nameof(mean));
        Defense = defense;
        Epsilon = epsilon;
        Mean = mean;
        Lower = lower;
        Upper = upper;
    }

    public string Defense { get; }
    public double Epsilon { get; }
    public double Mean { get; }
    public double Lower { get; }
    public double Upper { get; }
}

internal static class FigureChecks
{
    public static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");
    }

    public static void RequireUnit(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1].");
    }
}
