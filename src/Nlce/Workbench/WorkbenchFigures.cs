using Nlce.Charts;
using Nlce.Evaluation.Results;
using Nlce.Training;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Nlce.Workbench;

/// <summary>Which curve of a training history <see cref="WorkbenchFigures.LearningCurves"/> draws.</summary>
public enum LearningCurve
{
    /// <summary>Mean training loss per epoch (each model's own loss, so levels differ between models).</summary>
    TrainingLoss,

    /// <summary>Mean validation DIC (NLCEN eq. 7) after each epoch.</summary>
    ValidationDice,
}

/// <summary>
/// Plotly figures of the notebook series that the paper figure builders in <c>Nlce.Charts</c> do not cover: learning curves
/// (notebook 02), clean vs adversarial channel gates, the adversarial change through each NLCE module and the per-position
/// change maps (notebook 01).
/// </summary>
public static class WorkbenchFigures
{
    /// <summary>One line per model over its epochs (x: epoch, 1-based).</summary>
    /// <exception cref="ArgumentException">No histories, an empty history, or validation DIC asked for a run without validation.</exception>
    public static GenericChart LearningCurves(IReadOnlyDictionary<string, IReadOnlyList<EpochMetrics>> histories, LearningCurve curve)
    {
        ArgumentNullException.ThrowIfNull(histories);
        if (histories.Count == 0)
            throw new ArgumentException("no training histories to plot; expected at least one model.", nameof(histories));
        var lines = new List<GenericChart>();
        foreach (var (model, history) in histories)
        {
            if (history.Count == 0)
                throw new ArgumentException($"the history of '{model}' has no epochs.", nameof(histories));
            var values = history.Select(e => curve == LearningCurve.TrainingLoss
                ? e.TrainingLoss
                : e.ValidationDice ?? throw new ArgumentException($"'{model}' has no validation DIC at epoch {e.Epoch + 1} (trained without a validation set).", nameof(histories))).ToList();
            lines.Add(Chart.Line<int, double, string>(x: history.Select(e => e.Epoch + 1), y: values, ShowMarkers: true, Name: model));
        }
        var (title, axis) = curve == LearningCurve.TrainingLoss
            ? ("Training loss per epoch", "training loss (each model's own loss)")
            : ("Validation DIC per epoch", "validation DIC");
        return Styled(Chart.Combine(lines), title, "epoch", axis);
    }

    /// <summary>Grouped bars of the channel gates γ on the clean and on the adversarial input, one pair per channel.</summary>
    /// <exception cref="ArgumentException">The gate lists are empty or differ in length.</exception>
    public static GenericChart GateComparison(IReadOnlyList<double> clean, IReadOnlyList<double> adversarial)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(adversarial);
        if (clean.Count == 0 || clean.Count != adversarial.Count)
            throw new ArgumentException($"expected two equally long, non-empty gate lists; got {clean.Count} clean and {adversarial.Count} adversarial gates.", nameof(adversarial));
        var channels = Enumerable.Range(0, clean.Count).ToList();
        return Styled(Chart.Combine(
            [
                Chart.Column<double, int, string>(values: clean, Keys: channels, Name: "clean input"),
                Chart.Column<double, int, string>(values: adversarial, Keys: channels, Name: "adversarial input"),
            ]), "Channel gates γ, clean vs adversarial", "channel", "gate value");
    }

    /// <summary>Grouped bars per level: the relative adversarial change before the module, after its non-local part and after it.</summary>
    /// <exception cref="ArgumentException">No rows.</exception>
    public static GenericChart NoiseThroughModules(IReadOnlyList<NoiseThroughNlce> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException("no levels to plot; expected at least one row.", nameof(rows));
        var levels = rows.Select(r => $"conv{r.Level}").ToList();
        return Styled(Chart.Combine(
            [
                Chart.Column<double, string, string>(values: rows.Select(r => r.BeforeModule), Keys: levels, Name: "NLCE input (backbone)"),
                Chart.Column<double, string, string>(values: rows.Select(r => r.AfterNonLocal), Keys: levels, Name: "after the non-local part (F_z)"),
                Chart.Column<double, string, string>(values: rows.Select(r => r.AfterModule), Keys: levels, Name: "NLCE output (F_z ⊗ γ)"),
            ]), "Adversarial change of the features, ‖F(x_adv) − F(x)‖ / ‖F(x)‖", "level", "relative change");
    }

    /// <summary>
    /// Heatmap of a row-major map, <paramref name="height"/> rows by <paramref name="width"/> columns, row 0 at the top, with the
    /// colour scale fixed to [0, <paramref name="maximum"/>] so several maps can be compared.
    /// </summary>
    /// <exception cref="ArgumentException">The value count is not width · height, or the maximum is not positive.</exception>
    public static GenericChart Map(IReadOnlyList<float> values, int width, int height, double maximum, string title)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (values.Count != width * height)
            throw new ArgumentException($"values has {values.Count} entries; expected width·height = {width}·{height} = {width * height}.", nameof(values));
        if (!(maximum > 0) || double.IsInfinity(maximum))
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "the colour-scale maximum must be a finite number > 0.");
        var rows = Enumerable.Range(0, height).Select(y => Enumerable.Range(0, width).Select(x => values[y * width + x]).ToList()).ToList();
        var heatmap = Chart.Heatmap<float, int, int, string>(zData: rows, Name: title, ColorScale: StyleParam.Colorscale.Viridis, ReverseYAxis: true);
        // Plotly.NET's Heatmap has no zmin/zmax arguments; they are plain plotly.js trace attributes.
        var fixedScale = GenericChart.mapTrace(FSharpFunc<Trace, Trace>.FromConverter(trace =>
        {
            trace.SetProperty("zmin", 0.0);
            trace.SetProperty("zmax", maximum);
            return trace;
        }), heatmap);
        return Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(fixedScale);
    }

    /// <summary>
    /// Score vs ε of several models under several attacks (notebook 09): one line per (model, attack), the colour naming the
    /// attack and the dash the model, so the same model's lines under different attacks can be followed side by side.
    /// </summary>
    /// <param name="curves">Mean scores per model, attack and ε; clean rows (attack <c>none</c>, ε = 0) are drawn as the start of every attack's line.</param>
    /// <param name="metric">DIC or JSC.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">No attacked rows.</exception>
    public static GenericChart AttackCurves(IEnumerable<ResultSummary> curves, SegmentationMetric metric, string title)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var rows = curves.ToList();
        var attacked = rows.Where(r => r.Attack != ResultKey.CleanAttack).ToList();
        if (attacked.Count == 0)
            throw new ArgumentException("no attacked rows to plot; expected at least one.", nameof(curves));
        var attacks = attacked.Select(r => r.Attack).Distinct().ToList();
        var models = attacked.Select(r => r.Model).Distinct().ToList();
        StyleParam.DrawingStyle[] dashes = [StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];
        var lines = new List<GenericChart>();
        foreach (var model in models)
        foreach (var attack in attacks)
        {
            var points = rows.Where(r => r.Model == model && (r.Attack == attack || r.Attack == ResultKey.CleanAttack)).OrderBy(r => r.Epsilon).ToList();
            if (!points.Any(r => r.Attack == attack))
                continue;
            var colour = Color.fromString(Palette[attacks.IndexOf(attack) % Palette.Length]);
            lines.Add(Chart.Line<double, double, string>(x: points.Select(r => r.Epsilon),
                y: points.Select(r => metric == SegmentationMetric.Dice ? r.MeanDice : r.MeanJaccard), ShowMarkers: true,
                Name: $"{model} · {attack}", LineColor: colour, MarkerColor: colour, LineDash: dashes[models.IndexOf(model) % dashes.Length]));
        }
        return Styled(Chart.Combine(lines), title, RobustnessFigures.EpsilonAxisTitle,
            metric == SegmentationMetric.Dice ? "Dice coefficient (DIC)" : "Jaccard similarity (JSC)");
    }

    /// <summary><paramref name="chart"/> with its title replaced (e.g. "Fig. 5 — DIC, skin" for a chart built by <see cref="RobustnessFigures"/>).</summary>
    public static GenericChart Titled(GenericChart chart, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart);
    }

    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

    private static GenericChart Styled(GenericChart chart, string title, string xTitle, string yTitle) =>
        Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);
}
