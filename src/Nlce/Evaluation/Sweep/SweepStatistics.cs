using System.Globalization;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Statistics;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Report helpers over a sweep's <see cref="ResultsStore"/>: Wilcoxon signed-rank tests on paired per-image scores ("A vs B under
/// one attack and ε", "clean vs attacked"; seed 002's protocol) and the mean drop of DIC/JSC from clean to each ε with a bootstrap
/// 95% interval (NLCEN paper, Evaluation Metrics). Images are paired by (seed, image) name; images present under only one
/// condition are listed in the result, never silently dropped.
/// </summary>
public static class SweepStatistics
{
    /// <summary>Model <paramref name="first"/> vs model <paramref name="second"/> under <paramref name="attack"/> at <paramref name="epsilon"/>
    /// (attack <see cref="ResultKey.CleanAttack"/>, ε = 0 compares clean scores).</summary>
    /// <param name="store">The results.</param>
    /// <param name="first">First model.</param>
    /// <param name="second">Second model.</param>
    /// <param name="attack">Attack name.</param>
    /// <param name="epsilon">ε, intensity units.</param>
    /// <param name="metric">Score to compare.</param>
    /// <param name="defense">Defense label of both conditions.</param>
    /// <param name="seed">Only rows of this seed; null pairs every seed's rows (by seed and image).</param>
    /// <exception cref="ArgumentException">No image is scored under both conditions.</exception>
    public static PairedComparison CompareModels(ResultsStore store, string first, string second, string attack, double epsilon,
        ScoreMetric metric = ScoreMetric.Dice, string defense = ResultKey.NoDefense, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(first);
        ArgumentException.ThrowIfNullOrWhiteSpace(second);
        ArgumentException.ThrowIfNullOrWhiteSpace(attack);
        return Compare(
            Condition(store, first, attack, epsilon, defense, seed), $"{first} {Label(attack, epsilon)}",
            Condition(store, second, attack, epsilon, defense, seed), $"{second} {Label(attack, epsilon)}", metric);
    }

    /// <summary>Clean vs attacked scores of <paramref name="model"/> under <paramref name="attack"/> at <paramref name="epsilon"/>.</summary>
    /// <param name="store">The results.</param>
    /// <param name="model">The model.</param>
    /// <param name="attack">Attack name.</param>
    /// <param name="epsilon">ε, intensity units.</param>
    /// <param name="metric">Score to compare.</param>
    /// <param name="defense">Defense label of both conditions.</param>
    /// <param name="seed">Only rows of this seed; null pairs every seed's rows (by seed and image).</param>
    /// <exception cref="ArgumentException">No image is scored under both conditions.</exception>
    public static PairedComparison CompareCleanAndAttacked(ResultsStore store, string model, string attack, double epsilon,
        ScoreMetric metric = ScoreMetric.Dice, string defense = ResultKey.NoDefense, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(attack);
        return Compare(
            Condition(store, model, ResultKey.CleanAttack, 0, defense, seed), $"{model} clean",
            Condition(store, model, attack, epsilon, defense, seed), $"{model} {Label(attack, epsilon)}", metric);
    }

    /// <summary>The drop clean − attacked of <paramref name="model"/> under <paramref name="attack"/> at every stored ε, in ε order.</summary>
    /// <param name="store">The results.</param>
    /// <param name="model">The model.</param>
    /// <param name="attack">Attack name.</param>
    /// <param name="metric">Score whose drop is measured.</param>
    /// <param name="defense">Defense label of both conditions.</param>
    /// <param name="seed">Only rows of this seed; null pairs every seed's rows (by seed and image).</param>
    /// <param name="bootstrapSeed">Seed of the bootstrap resampling.</param>
    /// <param name="level">Confidence level of the interval, in (0, 1).</param>
    /// <param name="resamples">Bootstrap resamples (≥ 100).</param>
    /// <exception cref="ArgumentException">The store has no clean rows or no attacked rows for the model, or an ε shares no image
    /// with the clean rows.</exception>
    public static IReadOnlyList<ScoreDrop> DropFromClean(ResultsStore store, string model, string attack, ScoreMetric metric = ScoreMetric.Dice,
        string defense = ResultKey.NoDefense, int? seed = null, int bootstrapSeed = 0, double level = 0.95, int resamples = 2000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(attack);
        var clean = Condition(store, model, ResultKey.CleanAttack, 0, defense, seed);
        if (clean.Count == 0)
            throw new ArgumentException($"{store.Path}: no clean rows (attack '{ResultKey.CleanAttack}', ε = 0) for model '{model}', defense '{defense}'.", nameof(model));
        var attacked = store.Rows(model, attack, defense).Where(row => seed is null || row.Key.Seed == seed).ToArray();
        if (attacked.Length == 0)
            throw new ArgumentException($"{store.Path}: no rows of model '{model}' under attack '{attack}', defense '{defense}'.", nameof(attack));
        return attacked.GroupBy(row => row.Key.Epsilon).OrderBy(group => group.Key).Select(group =>
        {
            var comparison = Compare(clean, "clean", group.ToArray(), Label(attack, group.Key), metric);
            var drops = comparison.Pairs.Select(pair => pair.Difference).ToArray();
            return new ScoreDrop(model, attack, group.Key, metric, drops.Length, BootstrapInterval.OfMean(drops, bootstrapSeed, level, resamples),
                [.. comparison.OnlyFirst, .. comparison.OnlySecond]);
        }).ToArray();
    }

    private static IReadOnlyList<ResultRow> Condition(ResultsStore store, string model, string attack, double epsilon, string defense, int? seed) =>
        store.Rows(model, attack, defense).Where(row => row.Key.Epsilon == epsilon && (seed is null || row.Key.Seed == seed)).ToArray();

    private static PairedComparison Compare(IReadOnlyList<ResultRow> first, string firstLabel, IReadOnlyList<ResultRow> second, string secondLabel,
        ScoreMetric metric)
    {
        if (!Enum.IsDefined(metric))
            throw new ArgumentOutOfRangeException(nameof(metric), metric, $"expected one of {string.Join(", ", Enum.GetNames<ScoreMetric>())}.");
        var secondByImage = second.ToDictionary(row => (row.Key.Seed, row.Key.Image));
        var pairs = first
            .Where(row => secondByImage.ContainsKey((row.Key.Seed, row.Key.Image)))
            .OrderBy(row => row.Key.Seed).ThenBy(row => row.Key.Image, StringComparer.Ordinal)
            .Select(row => new PairedScore(row.Key.Seed, row.Key.Image, Score(row, metric), Score(secondByImage[(row.Key.Seed, row.Key.Image)], metric)))
            .ToArray();
        if (pairs.Length == 0)
            throw new ArgumentException(
                $"no image is scored under both '{firstLabel}' ({first.Count} rows) and '{secondLabel}' ({second.Count} rows); check the names and ε.");
        var firstImages = first.Select(row => (row.Key.Seed, row.Key.Image)).ToHashSet();
        return new PairedComparison(firstLabel, secondLabel, metric, pairs,
            Unmatched(first, secondByImage.ContainsKey), Unmatched(second, firstImages.Contains),
            WilcoxonSignedRank.Test(pairs.Select(pair => pair.First).ToArray(), pairs.Select(pair => pair.Second).ToArray()));
    }

    private static string[] Unmatched(IReadOnlyList<ResultRow> rows, Func<(int, string), bool> matched) =>
        rows.Where(row => !matched((row.Key.Seed, row.Key.Image))).Select(row => $"{row.Key.Seed}/{row.Key.Image}").Order(StringComparer.Ordinal).ToArray();

    private static double Score(ResultRow row, ScoreMetric metric) => metric == ScoreMetric.Dice ? row.Dice : row.Jaccard;

    private static string Label(string attack, double epsilon) =>
        attack == ResultKey.CleanAttack ? "clean" : $"{attack} ε={epsilon.ToString("R", CultureInfo.InvariantCulture)}";
}
