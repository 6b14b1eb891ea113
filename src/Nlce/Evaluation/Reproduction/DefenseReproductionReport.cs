using System.Globalization;
using System.Text;
using Nlce.Charts;
using Nlce.Evaluation.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Statistics;
using Nlce.Training.Defenses;

namespace Nlce.Evaluation.Reproduction;

/// <summary>
/// The report of <see cref="DefenseReproduction"/> computed from a results store's rows (issue 5, "Evaluation, without fooling
/// ourselves"): per condition and attack the DIC curve over ε with a 95% percentile-bootstrap band; each defense vs the undefended
/// model on the same images (two-sided Wilcoxon signed-rank, seed 002); defense efficiency (defended adversarial / defended clean DIC)
/// and benign cost (undefended clean − defended clean DIC, seed 003); the gradient-masking flags (<see cref="GradientMaskingChecks"/>);
/// and AMAT's margin history. Files: <c>defenses-curves.csv</c>, <c>defenses-&lt;attack&gt;.html</c>, <c>defenses-wilcoxon.csv</c>,
/// <c>defenses-efficiency.csv</c>, <c>gradient-masking.csv</c>, <c>amat-margins.csv</c>.
/// </summary>
public sealed class DefenseReproductionReport
{
    private readonly IReadOnlyList<DefenseCondition> conditions;
    private readonly string note;
    private readonly int seed;
    private readonly GradientMaskingOptions masking;

    /// <param name="conditions">The evaluated settings; exactly one labelled <see cref="DefenseReproduction.Undefended"/>.</param>
    /// <param name="note">The reduced/paper-setting sentence every file carries.</param>
    /// <param name="seed">Seed of the bootstrap resampling.</param>
    /// <param name="masking">Tolerance and iteration twins of the gradient-masking checks; null for their defaults.</param>
    /// <exception cref="ArgumentException">No undefended condition, or a label used twice.</exception>
    public DefenseReproductionReport(IReadOnlyList<DefenseCondition> conditions, string note, int seed, GradientMaskingOptions? masking = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        if (conditions.Count(c => c.Label == DefenseReproduction.Undefended) != 1)
            throw new ArgumentException($"expected exactly one condition labelled '{DefenseReproduction.Undefended}'.", nameof(conditions));
        var repeated = conditions.GroupBy(c => c.Label).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"condition label '{repeated.Key}' is used {repeated.Count()} times.", nameof(conditions));
        this.conditions = conditions;
        this.note = note;
        this.seed = seed;
        this.masking = (masking ?? new GradientMaskingOptions()).Validate();
    }

    /// <summary>Computes every table from <paramref name="rows"/> and writes the files into <paramref name="outputFolder"/>.</summary>
    /// <returns>The result with its curves, tables, flags and files; run counters and timings are left at zero for the caller.</returns>
    public DefenseReproductionResult Write(string outputFolder, IReadOnlyList<ResultRow> rows, IReadOnlyList<MarginEpochSummary> margins,
        double amatThreshold, string storePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(margins);
        var curves = Curves(rows);
        var comparisons = Comparisons(rows);
        var efficiency = Efficiency(rows);
        var flags = GradientMaskingChecks.CheckAll(rows, masking);

        var files = new List<string>();
        string Save(string name, string text)
        {
            string path = Path.Combine(outputFolder, name);
            AtomicFile.WriteAllText(path, text);
            files.Add(path);
            return path;
        }
        Save("defenses-curves.csv", CurvesCsv(curves));
        foreach (var attack in curves.Select(c => c.Attack).Distinct())
        {
            Save($"defenses-{attack}.html", PlotlyHtml.Page($"Defenses under {attack}: DIC vs ε", note, DefenseFigures.Curves(curves, attack)));
        }
        Save("defenses-wilcoxon.csv", ComparisonsCsv(comparisons));
        Save("defenses-efficiency.csv", EfficiencyCsv(efficiency));
        string flagsPath = Path.Combine(outputFolder, "gradient-masking.csv");
        GradientMaskingChecks.WriteCsv(flagsPath, flags);
        files.Add(flagsPath);
        Save("amat-margins.csv", MarginsCsv(margins, amatThreshold));
        files.Add(storePath);
        return new DefenseReproductionResult(conditions, curves, comparisons, efficiency, flags, margins, amatThreshold, 0, 0, files,
            new Dictionary<string, double>(), false, note);
    }

    /// <summary>Mean DIC with a 95% bootstrap band per white-box condition, attack and ε; the clean score appears as ε = 0 of every attack.</summary>
    public IReadOnlyList<DefenseCurvePoint> Curves(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var points = new List<DefenseCurvePoint>();
        foreach (var condition in conditions.Where(c => !c.IsTransfer))
        {
            var own = Of(rows, condition).ToArray();
            var clean = own.Where(r => r.Key.Attack == ResultKey.CleanAttack).Select(r => r.Dice).ToArray();
            foreach (var attack in own.Select(r => r.Key.Attack).Where(a => a != ResultKey.CleanAttack).Distinct().Order(StringComparer.Ordinal))
            {
                if (clean.Length > 0)
                    points.Add(Point(condition.Label, attack, 0, clean));
                foreach (var group in own.Where(r => r.Key.Attack == attack).GroupBy(r => r.Key.Epsilon).OrderBy(g => g.Key))
                    points.Add(Point(condition.Label, attack, group.Key, group.Select(r => r.Dice).ToArray()));
            }
        }
        return points;
    }

    /// <summary>Each non-transfer defense vs the undefended model at each attack and ε (and clean, ε = 0), paired by (seed, image).</summary>
    public IReadOnlyList<DefenseComparison> Comparisons(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var baseline = Of(rows, conditions.Single(c => c.Label == DefenseReproduction.Undefended))
            .ToDictionary(r => (r.Key.Attack, r.Key.Epsilon, r.Key.Seed, r.Key.Image), r => r.Dice);
        var comparisons = new List<DefenseComparison>();
        foreach (var condition in conditions.Where(c => !c.IsTransfer && c.Label != DefenseReproduction.Undefended))
            foreach (var group in Of(rows, condition).GroupBy(r => (r.Key.Attack, r.Key.Epsilon))
                .OrderBy(g => g.Key.Attack, StringComparer.Ordinal).ThenBy(g => g.Key.Epsilon))
            {
                var pairs = group.Where(r => baseline.ContainsKey((r.Key.Attack, r.Key.Epsilon, r.Key.Seed, r.Key.Image)))
                    .Select(r => (Defended: r.Dice, Undefended: baseline[(r.Key.Attack, r.Key.Epsilon, r.Key.Seed, r.Key.Image)])).ToArray();
                if (pairs.Length == 0)
                    continue;
                var test = WilcoxonSignedRank.Test(pairs.Select(p => p.Defended).ToArray(), pairs.Select(p => p.Undefended).ToArray());
                comparisons.Add(new DefenseComparison(condition.Label, group.Key.Attack, group.Key.Epsilon, pairs.Length,
                    pairs.Average(p => p.Defended - p.Undefended), test.PValue));
            }
        return comparisons;
    }

    /// <summary>Efficiency and benign cost of every non-transfer condition at each attack and ε; the benign cost is measured against the
    /// undefended model's clean DIC, so a trained defense's cost is what retraining cost on clean images.</summary>
    public IReadOnlyList<DefenseEfficiency> Efficiency(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var undefended = conditions.Single(c => c.Label == DefenseReproduction.Undefended);
        double? baseClean = CleanMean(rows, undefended);
        if (baseClean is not double reference)
            return [];
        var table = new List<DefenseEfficiency>();
        foreach (var condition in conditions.Where(c => !c.IsTransfer))
        {
            if (CleanMean(rows, condition) is not double clean)
                continue;
            table.AddRange(Of(rows, condition).Where(r => r.Key.Attack != ResultKey.CleanAttack)
                .GroupBy(r => (r.Key.Attack, r.Key.Epsilon)).OrderBy(g => g.Key.Attack, StringComparer.Ordinal).ThenBy(g => g.Key.Epsilon)
                .Select(g => new DefenseEfficiency(condition.Model, condition.Label, g.Key.Attack, g.Key.Epsilon, g.Count(), reference, clean,
                    g.Average(r => r.Dice))));
        }
        return table;
    }

    private static double? CleanMean(IReadOnlyList<ResultRow> rows, DefenseCondition condition)
    {
        var clean = Of(rows, condition).Where(r => r.Key.Attack == ResultKey.CleanAttack).ToArray();
        return clean.Length == 0 ? null : clean.Average(r => r.Dice);
    }

    private static IEnumerable<ResultRow> Of(IReadOnlyList<ResultRow> rows, DefenseCondition condition) =>
        rows.Where(r => r.Key.Model == condition.Model && r.Key.Defense == condition.DefenseKey);

    private DefenseCurvePoint Point(string label, string attack, double epsilon, IReadOnlyList<double> dice)
    {
        var interval = BootstrapInterval.OfMean(dice, seed);
        return new DefenseCurvePoint(label, attack, epsilon, dice.Count, interval.Mean, interval.Lower, interval.Upper);
    }

    private static string CurvesCsv(IEnumerable<DefenseCurvePoint> curves)
    {
        var text = new StringBuilder("defense,attack,epsilon,images,dice,dice_lower,dice_upper\n");
        foreach (var c in curves)
            text.Append(CultureInfo.InvariantCulture, $"{c.Defense},{c.Attack},{c.Epsilon:R},{c.Images},{c.MeanDice:R},{c.Lower:R},{c.Upper:R}\n");
        return text.ToString();
    }

    private static string ComparisonsCsv(IEnumerable<DefenseComparison> comparisons)
    {
        var text = new StringBuilder("defense,baseline,attack,epsilon,images,mean_difference,p_value\n");
        foreach (var c in comparisons)
            text.Append(CultureInfo.InvariantCulture,
                $"{c.Defense},{DefenseReproduction.Undefended},{c.Attack},{c.Epsilon:R},{c.Images},{c.MeanDifference:R},{c.PValue:R}\n");
        return text.ToString();
    }

    private static string EfficiencyCsv(IEnumerable<DefenseEfficiency> table)
    {
        var text = new StringBuilder("model,defense,attack,epsilon,images,undefended_clean_dice,defended_clean_dice,defended_adversarial_dice,efficiency,benign_cost\n");
        foreach (var e in table)
            text.Append(CultureInfo.InvariantCulture,
                $"{e.Model},{e.Defense},{e.Attack},{e.Epsilon:R},{e.Images},{e.UndefendedCleanDice:R},{e.DefendedCleanDice:R},{e.DefendedAdversarialDice:R},{e.Efficiency:R},{e.BenignCost:R}\n");
        return text.ToString();
    }

    private static string MarginsCsv(IEnumerable<MarginEpochSummary> margins, double threshold)
    {
        var text = new StringBuilder("epoch,mean,min,max,grown,moved,dice_threshold\n");
        foreach (var m in margins)
            text.Append(CultureInfo.InvariantCulture, $"{m.Epoch},{m.Mean:R},{m.Min:R},{m.Max:R},{m.Grown},{m.Moved},{threshold:R}\n");
        return text.ToString();
    }
}
