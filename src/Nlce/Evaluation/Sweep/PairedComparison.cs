using Nlce.Evaluation.Statistics;

namespace Nlce.Evaluation.Sweep;

/// <summary>One image's scores under the two conditions of a <see cref="PairedComparison"/>.</summary>
/// <param name="Seed">The seed of the result keys.</param>
/// <param name="Image">The image name.</param>
/// <param name="First">Score under the first condition.</param>
/// <param name="Second">Score under the second condition.</param>
public sealed record PairedScore(int Seed, string Image, double First, double Second)
{
    /// <summary>First − second.</summary>
    public double Difference => First - Second;
}

/// <summary>
/// Two conditions compared on the same images with a two-sided Wilcoxon signed-rank test on the paired per-image scores (as seed
/// 002 compares Dice across attacks and defenses): e.g. model A vs model B under one attack and ε, or clean vs attacked.
/// </summary>
/// <param name="First">The first condition, e.g. <c>nlcen-r18 targeted-ifgsm ε=8</c>.</param>
/// <param name="Second">The second condition.</param>
/// <param name="Metric">The score compared.</param>
/// <param name="Pairs">Images scored under both conditions, paired by (seed, image), in seed then image order.</param>
/// <param name="OnlyFirst">Images scored under the first condition only (left out of the test), as <c>seed/image</c>.</param>
/// <param name="OnlySecond">Images scored under the second condition only (left out of the test), as <c>seed/image</c>.</param>
/// <param name="Test">The signed-rank test on first − second.</param>
public sealed record PairedComparison(string First, string Second, ScoreMetric Metric, IReadOnlyList<PairedScore> Pairs,
    IReadOnlyList<string> OnlyFirst, IReadOnlyList<string> OnlySecond, WilcoxonResult Test)
{
    /// <summary>Mean of first − second over the pairs.</summary>
    public double MeanDifference => Pairs.Average(pair => pair.Difference);
}

/// <summary>
/// The drop of a score from clean to attacked images at one ε (NLCEN paper, Evaluation Metrics: robustness as "the drop in
/// segmentation accuracy after adding adversarial perturbations"), per image clean − attacked, with its mean and a percentile
/// bootstrap interval.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Attack">The attack.</param>
/// <param name="Epsilon">ε, intensity units.</param>
/// <param name="Metric">The score.</param>
/// <param name="Images">Images scored both clean and attacked at this ε.</param>
/// <param name="Drop">Mean of clean − attacked with its bootstrap interval.</param>
/// <param name="Unpaired">Images scored under only one of the two conditions (left out), as <c>seed/image</c>.</param>
public sealed record ScoreDrop(string Model, string Attack, double Epsilon, ScoreMetric Metric, int Images, MeanWithInterval Drop,
    IReadOnlyList<string> Unpaired);
