using Nlce.Charts;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;

namespace Nlce.Workbench;

/// <summary>Model <see cref="First"/> vs model <see cref="Second"/> under one attack at one ε, paired image by image.</summary>
/// <param name="First">The first model (e.g. NLCEN, or a baseline with NLCE).</param>
/// <param name="Second">The second model (e.g. a baseline without NLCE).</param>
/// <param name="Attack">The attack's registry name.</param>
/// <param name="Epsilon">ε, intensity units (0 for clean scores).</param>
/// <param name="Result">The paired per-image scores and the two-sided Wilcoxon signed-rank test on first − second.</param>
public sealed record ModelComparison(string First, string Second, string Attack, double Epsilon, PairedComparison Result)
{
    /// <summary>
    /// The model with the higher scores when the test rejects equality at <paramref name="alpha"/> (by the sign of W⁺ − W⁻);
    /// null when it does not.
    /// </summary>
    public string? BetterAt(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "the significance level must lie in (0, 1).");
        if (Result.Test.PValue >= alpha || Result.Test.Direction == 0)
            return null;
        return Result.Test.Direction > 0 ? First : Second;
    }
}

/// <summary>
/// Reads the figures' data out of a results store (NLCEN paper, Evaluation Metrics and Fig. 4–8): the mean DIC/JSC curves with the
/// clean score at ε = 0, the drops from clean with bootstrap intervals, and paired Wilcoxon comparisons between models.
/// </summary>
public static class StudyResults
{
    /// <summary>
    /// Mean scores of <paramref name="models"/> clean (ε = 0) and under <paramref name="attack"/> at each of
    /// <paramref name="epsilons"/>, in the order of <paramref name="models"/> then ε; rows of other models or ε in the store are left out.
    /// </summary>
    /// <exception cref="ArgumentException">A model has no clean row or misses an ε: the sweep has not covered it.</exception>
    public static IReadOnlyList<ResultSummary> Curves(ResultsStore store, IReadOnlyList<string> models, string attack, IReadOnlyList<double> epsilons)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentException.ThrowIfNullOrWhiteSpace(attack);
        ArgumentNullException.ThrowIfNull(epsilons);
        var clean = store.MeansByModelAndEpsilon(ResultKey.CleanAttack, ResultKey.NoDefense);
        var attacked = store.MeansByModelAndEpsilon(attack, ResultKey.NoDefense);
        var curves = new List<ResultSummary>();
        foreach (var model in models)
        {
            curves.Add(clean.FirstOrDefault(s => s.Model == model && s.Epsilon == 0)
                ?? throw new ArgumentException($"{store.Path}: no clean scores of '{model}'; run the sweep for it first.", nameof(models)));
            foreach (var epsilon in epsilons)
                curves.Add(attacked.FirstOrDefault(s => s.Model == model && s.Epsilon == epsilon)
                    ?? throw new ArgumentException($"{store.Path}: no scores of '{model}' under '{attack}' at ε = {epsilon}; run the sweep for it first.", nameof(epsilons)));
        }
        return curves;
    }

    /// <summary>The curves as chart rows (<see cref="RobustnessFigures"/>), each model's line labelled by <paramref name="label"/> (default: its name).</summary>
    public static IReadOnlyList<RobustnessPoint> Points(IEnumerable<ResultSummary> curves, Func<string, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        return curves.Select(c => new RobustnessPoint(label is null ? c.Model : label(c.Model), c.Epsilon, c.MeanDice, c.MeanJaccard)).ToList();
    }

    /// <summary>
    /// The curves as Fig. 8 rows (<see cref="RobustnessFigures.Generalization"/>): a model named <c>&lt;baseline&gt;+nlce</c> is that
    /// baseline with NLCE, any other model a baseline without.
    /// </summary>
    public static IReadOnlyList<GeneralizationPoint> GeneralizationPoints(IEnumerable<ResultSummary> curves, SegmentationMetric metric)
    {
        ArgumentNullException.ThrowIfNull(curves);
        return curves.Select(c =>
        {
            bool withNlce = c.Model.EndsWith(NlceSuffix, StringComparison.Ordinal);
            string baseline = withNlce ? c.Model[..^NlceSuffix.Length] : c.Model;
            return new GeneralizationPoint(baseline, withNlce, c.Epsilon, metric == SegmentationMetric.Dice ? c.MeanDice : c.MeanJaccard);
        }).ToList();
    }

    /// <summary>The registry suffix of a baseline with NLCE modules (NLCEN paper, Generalization).</summary>
    public const string NlceSuffix = "+nlce";

    /// <summary>The drop clean − attacked of every model at every one of <paramref name="epsilons"/>, with a bootstrap 95% interval of its mean.</summary>
    /// <exception cref="ArgumentException">A model lacks clean or attacked rows.</exception>
    public static IReadOnlyList<ScoreDrop> Drops(ResultsStore store, IReadOnlyList<string> models, string attack, IReadOnlyList<double> epsilons,
        ScoreMetric metric, int seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(epsilons);
        return models.SelectMany(model => SweepStatistics.DropFromClean(store, model, attack, metric, seed: seed, bootstrapSeed: seed)
            .Where(drop => epsilons.Contains(drop.Epsilon))).ToList();
    }

    /// <summary>
    /// Each pair of <paramref name="pairs"/> compared at ε = 0 (clean) and at every one of <paramref name="epsilons"/> under
    /// <paramref name="attack"/>, pair by pair, ε in the given order.
    /// </summary>
    /// <exception cref="ArgumentException">A pair shares no scored image at some ε.</exception>
    public static IReadOnlyList<ModelComparison> Compare(ResultsStore store, IEnumerable<(string First, string Second)> pairs, string attack,
        IReadOnlyList<double> epsilons, ScoreMetric metric, int seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(epsilons);
        var comparisons = new List<ModelComparison>();
        foreach (var (first, second) in pairs)
        {
            comparisons.Add(new ModelComparison(first, second, ResultKey.CleanAttack, 0,
                SweepStatistics.CompareModels(store, first, second, ResultKey.CleanAttack, 0, metric, seed: seed)));
            foreach (var epsilon in epsilons)
                comparisons.Add(new ModelComparison(first, second, attack, epsilon,
                    SweepStatistics.CompareModels(store, first, second, attack, epsilon, metric, seed: seed)));
        }
        return comparisons;
    }
}
