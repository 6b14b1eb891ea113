using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Nlce.Charts;

/// <summary>
/// Line-chart figures of He et al. 2019 built from plain result rows: robustness curves (Fig. 4 DIC vs ε, Fig. 5 JSC
/// vs ε, one line per model), the ablation curves (Fig. 7, one line per NLCE variant), the generalization figure
/// (Fig. 8, each baseline with and without NLCE), and defense curves with confidence bands.
/// Lines follow the order models first appear in the rows; points are sorted by ε.
/// </summary>
public static class RobustnessFigures
{
    /// <summary>Axis title for ε.</summary>
    public const string EpsilonAxisTitle = "ε (0–255 intensity units)";

    /// <summary>Fig. 4 (Dice) or Fig. 5 (Jaccard): score vs ε, one line per model.</summary>
    public static GenericChart RobustnessCurves(IEnumerable<RobustnessPoint> points, SegmentationMetric metric)
    {
        var rows = RequireRows(points, nameof(points));
        var title = metric == SegmentationMetric.Dice ? "Fig. 4 — DIC under attack" : "Fig. 5 — JSC under attack";
        return LinesByGroup(rows, p => p.Model, p => p.Epsilon, p => p.Score(metric), title, AxisTitle(metric));
    }

    /// <summary>Fig. 7: ablation of NLCE's parts; each row's <see cref="RobustnessPoint.Model"/> names the variant.</summary>
    public static GenericChart AblationCurves(IEnumerable<RobustnessPoint> points, SegmentationMetric metric)
    {
        var rows = RequireRows(points, nameof(points));
        return LinesByGroup(rows, p => p.Model, p => p.Epsilon, p => p.Score(metric), "Fig. 7 — ablation of NLCE", AxisTitle(metric));
    }

    /// <summary>Fig. 8: each baseline with NLCE (solid) and without (dashed), score vs ε.</summary>
    public static GenericChart Generalization(IEnumerable<GeneralizationPoint> points, SegmentationMetric metric)
    {
        var rows = RequireRows(points, nameof(points));
        var charts = new List<GenericChart>();
        foreach (var group in rows.GroupBy(p => (p.Baseline, p.WithNlce)))
        {
            var ordered = group.OrderBy(p => p.Epsilon).ToList();
            charts.Add(Chart.Line<double, double, string>(
                x: ordered.Select(p => p.Epsilon),
                y: ordered.Select(p => p.Score),
                ShowMarkers: true,
                Name: group.Key.WithNlce ? $"{group.Key.Baseline}+NLCE" : group.Key.Baseline,
                LineDash: group.Key.WithNlce ? StyleParam.DrawingStyle.Solid : StyleParam.DrawingStyle.Dash));
        }
        return Style(Chart.Combine(charts), "Fig. 8 — with vs without NLCE", AxisTitle(metric));
    }

    /// <summary>Defense curves: for each defense its mean score vs ε and a shaded band between lower and upper.</summary>
    public static GenericChart DefenseCurves(IEnumerable<DefenseBandPoint> points, SegmentationMetric metric)
    {
        var rows = RequireRows(points, nameof(points));
        var charts = new List<GenericChart>();
        foreach (var group in rows.GroupBy(p => p.Defense))
        {
            var ordered = group.OrderBy(p => p.Epsilon).ToList();
            var x = ordered.Select(p => p.Epsilon).ToList();
            charts.Add(Chart.Line<double, double, string>(x: x, y: ordered.Select(p => p.Upper), Name: $"{group.Key} upper",
                ShowLegend: false, LineWidth: 0.0));
            charts.Add(Chart.Line<double, double, string>(x: x, y: ordered.Select(p => p.Lower), Name: $"{group.Key} lower",
                ShowLegend: false, LineWidth: 0.0, Fill: StyleParam.Fill.ToNext_y));
            charts.Add(Chart.Line<double, double, string>(x: x, y: ordered.Select(p => p.Mean), Name: group.Key, ShowMarkers: true));
        }
        return Style(Chart.Combine(charts), "Defenses under attack (mean and confidence band)", AxisTitle(metric));
    }

    private static GenericChart LinesByGroup<T>(IReadOnlyList<T> rows, Func<T, string> group, Func<T, double> x, Func<T, double> y, string title, string yTitle)
    {
        var charts = rows.GroupBy(group).Select(g =>
        {
            var ordered = g.OrderBy(x).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (x(ordered[i]) == x(ordered[i - 1]))
                    throw new ArgumentException($"'{g.Key}' has two rows at ε={x(ordered[i])}; expected one per ε.", nameof(rows));
            }
            return Chart.Line<double, double, string>(x: ordered.Select(x), y: ordered.Select(y), ShowMarkers: true, Name: g.Key);
        }).ToList();
        return Style(Chart.Combine(charts), title, yTitle);
    }

    private static GenericChart Style(GenericChart chart, string title, string yTitle) =>
        Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: EpsilonAxisTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);

    private static string AxisTitle(SegmentationMetric metric) =>
        metric == SegmentationMetric.Dice ? "Dice coefficient (DIC)" : "Jaccard similarity (JSC)";

    private static IReadOnlyList<T> RequireRows<T>(IEnumerable<T> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        var list = rows.ToList();
        if (list.Count == 0)
            throw new ArgumentException("no rows to plot; expected at least one.", name);
        return list;
    }
}
