using System.Globalization;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;

namespace Nlce.Workbench;

/// <summary>One ε of an <see cref="RobustnessOrdering"/>: the models ranked by mean score there, best first.</summary>
/// <param name="Epsilon">ε, intensity units (0 = clean).</param>
/// <param name="Ranking">Model names, highest mean score first.</param>
/// <param name="Scores">The mean score of each model of <paramref name="Ranking"/>, in the same order.</param>
public sealed record EpsilonRanking(double Epsilon, IReadOnlyList<string> Ranking, IReadOnlyList<double> Scores)
{
    /// <summary>The best model at this ε.</summary>
    public string Best => Ranking[0];
}

/// <summary>
/// The observed ordering of a robustness figure against the paper's claim (NLCEN paper, Quantitative Evaluation: "Even when the
/// strongest adversarial perturbation (ε = 32) is exerted, it still maintains the highest accuracy … our NLCEN is still the most
/// robust one of all the models"; Fig. 7 and 8 make the same claim for the full NLCE module): is the reference model first at
/// every attacked ε? Computed from the numbers, so a notebook states what its own run shows.
/// </summary>
/// <param name="Reference">The model the paper puts first (NLCEN).</param>
/// <param name="Metric">The score ranked.</param>
/// <param name="ByEpsilon">The ranking at every ε of the curves, clean first.</param>
/// <param name="Overall">Models ranked by their mean score over the attacked ε (ε &gt; 0), best first.</param>
/// <param name="OverallScores">The mean attacked score of each model of <paramref name="Overall"/>, in the same order.</param>
public sealed record RobustnessOrdering(string Reference, ScoreMetric Metric, IReadOnlyList<EpsilonRanking> ByEpsilon, IReadOnlyList<string> Overall,
    IReadOnlyList<double> OverallScores)
{
    /// <summary>Ranks the models of <paramref name="curves"/> (mean scores per model and ε, ε = 0 clean) at each ε and overall.</summary>
    /// <exception cref="ArgumentException">The reference has no curve, there is no attacked ε, or the models do not share the same ε list.</exception>
    public static RobustnessOrdering Of(IEnumerable<ResultSummary> curves, string reference, ScoreMetric metric)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var rows = curves.ToList();
        if (!rows.Any(r => r.Model == reference))
            throw new ArgumentException($"the curves hold no row of the reference model '{reference}'; models: {string.Join(", ", rows.Select(r => r.Model).Distinct())}.", nameof(reference));
        var epsilons = rows.Select(r => r.Epsilon).Distinct().Order().ToList();
        if (!epsilons.Any(e => e > 0))
            throw new ArgumentException("the curves hold no attacked ε (> 0); nothing to rank for robustness.", nameof(curves));
        var models = rows.Select(r => r.Model).Distinct().ToList();
        foreach (var model in models)
        {
            var own = rows.Where(r => r.Model == model).Select(r => r.Epsilon).Order().ToList();
            if (!own.SequenceEqual(epsilons))
                throw new ArgumentException($"'{model}' has ε {{{string.Join(", ", own)}}}; every model needs the same ε list {{{string.Join(", ", epsilons)}}}.", nameof(curves));
        }
        double Score(ResultSummary r) => metric == ScoreMetric.Dice ? r.MeanDice : r.MeanJaccard;
        var byEpsilon = epsilons.Select(epsilon =>
        {
            var ranked = rows.Where(r => r.Epsilon == epsilon).OrderByDescending(Score).ThenBy(r => r.Model, StringComparer.Ordinal).ToList();
            return new EpsilonRanking(epsilon, ranked.Select(r => r.Model).ToList(), ranked.Select(Score).ToList());
        }).ToList();
        var overall = models.Select(m => (Model: m, Score: rows.Where(r => r.Model == m && r.Epsilon > 0).Average(Score)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Model, StringComparer.Ordinal).ToList();
        return new RobustnessOrdering(reference, metric, byEpsilon, overall.Select(x => x.Model).ToList(), overall.Select(x => x.Score).ToList());
    }

    /// <summary>The attacked ε (&gt; 0) at which the reference is not the best model, with the model that is.</summary>
    public IReadOnlyList<EpsilonRanking> ReferenceBeaten => ByEpsilon.Where(r => r.Epsilon > 0 && r.Best != Reference).ToList();

    /// <summary>Whether the run shows the paper's ordering: the reference first at every attacked ε.</summary>
    public bool MatchesPaper => ReferenceBeaten.Count == 0;

    /// <summary>
    /// Whether <paramref name="higher"/> has a higher mean attacked score than <paramref name="lower"/> (a claim like the paper's
    /// "the complete NLCE module … can enhance the robustness further" read on this run's numbers).
    /// </summary>
    /// <exception cref="ArgumentException">A model is not in the curves.</exception>
    public bool IsAbove(string higher, string lower) => MeanAttacked(higher) > MeanAttacked(lower);

    /// <summary>The mean score of <paramref name="model"/> over the attacked ε.</summary>
    /// <exception cref="ArgumentException">The model is not in the curves.</exception>
    public double MeanAttacked(string model)
    {
        int index = Overall.ToList().IndexOf(model);
        if (index < 0)
            throw new ArgumentException($"'{model}' is not in the curves; models: {string.Join(", ", Overall)}.", nameof(model));
        return OverallScores[index];
    }

    /// <summary>A few sentences: the paper's claim, the observed overall ranking, and where the reference is not first.</summary>
    public string Describe()
    {
        string metric = Metric == ScoreMetric.Dice ? "DIC" : "JSC";
        var lines = new List<string>
        {
            $"Paper: {Reference} keeps the highest {metric} at every attacked ε.",
            $"Observed ranking by mean {metric} over the attacked ε: {string.Join(" > ", Overall)}.",
        };
        if (MatchesPaper)
            lines.Add($"Observed: {Reference} is first at every attacked ε, as in the paper.");
        else
            lines.Add($"Observed: {Reference} is NOT first at " + string.Join("; ", ReferenceBeaten.Select(r =>
                string.Create(CultureInfo.InvariantCulture,
                    $"ε = {r.Epsilon} ({r.Best} {r.Scores[0]:F3} vs {Reference} {r.Scores[r.Ranking.ToList().IndexOf(Reference)]:F3}, rank {r.Ranking.ToList().IndexOf(Reference) + 1} of {r.Ranking.Count})")))
                + ": this run does not reproduce the paper's ordering there.");
        var clean = ByEpsilon.FirstOrDefault(r => r.Epsilon == 0);
        if (clean is not null)
            lines.Add($"Clean (ε = 0): best is {clean.Best}; {Reference} ranks {clean.Ranking.ToList().IndexOf(Reference) + 1} of {clean.Ranking.Count}.");
        return string.Join(Environment.NewLine, lines);
    }
}
