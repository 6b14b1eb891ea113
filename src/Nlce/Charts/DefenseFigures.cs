using Nlce.Evaluation.Reproduction;
using Nlce.Training.Defenses;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Nlce.Charts;

/// <summary>Figures of the training defenses of issue 5 that are not ε curves.</summary>
public static class DefenseFigures
{
    /// <summary>DIC vs ε under <paramref name="attack"/>, one line with its 95% bootstrap band per defense of <paramref name="curves"/>
    /// (<see cref="RobustnessFigures.DefenseCurves"/>), titled with the attack.</summary>
    /// <exception cref="ArgumentException">No point of <paramref name="attack"/>.</exception>
    public static GenericChart Curves(IEnumerable<DefenseCurvePoint> curves, string attack)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentException.ThrowIfNullOrWhiteSpace(attack);
        var points = curves.Where(c => c.Attack == attack).Select(c => new DefenseBandPoint(c.Defense, c.Epsilon, c.MeanDice, c.Lower, c.Upper)).ToList();
        if (points.Count == 0)
            throw new ArgumentException($"no curve points of attack '{attack}'.", nameof(attack));
        return Plotly.NET.Chart.withTitle($"Defenses under {attack}: DIC vs ε (mean, 95% bootstrap band)", TitleFont: null)
            .Invoke(RobustnessFigures.DefenseCurves(points, SegmentationMetric.Dice));
    }

    /// <summary>AMAT's per-sample noise margins by epoch (seed 004): mean, min and max of E_i (intensity units), and τ in the title.</summary>
    /// <exception cref="ArgumentException">No epochs.</exception>
    public static GenericChart MarginHistory(IEnumerable<MarginEpochSummary> history, double diceThreshold)
    {
        ArgumentNullException.ThrowIfNull(history);
        var rows = history.OrderBy(h => h.Epoch).ToList();
        if (rows.Count == 0)
            throw new ArgumentException("no epochs to plot; expected at least one.", nameof(history));
        var x = rows.Select(r => (double)(r.Epoch + 1)).ToList();
        var chart = Chart.Combine(
        [
            Chart.Line<double, double, string>(x: x, y: rows.Select(r => r.Mean), Name: "mean E_i", ShowMarkers: true),
            Chart.Line<double, double, string>(x: x, y: rows.Select(r => r.Min), Name: "min E_i", LineDash: StyleParam.DrawingStyle.Dash),
            Chart.Line<double, double, string>(x: x, y: rows.Select(r => r.Max), Name: "max E_i", LineDash: StyleParam.DrawingStyle.Dash),
        ]);
        return Plotly.NET.Chart.withTitle(FormattableString.Invariant($"AMAT noise margins (τ = {diceThreshold:F3})"), TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: "epoch")
            .WithYAxisStyle<double, double, string>(TitleText: "margin E_i (0–255 intensity units)");
    }
}
