using Nlce.Charts;

namespace Nlce.Notebooks.Tests.Charts;

public class RobustnessFiguresTests
{
    private static readonly RobustnessPoint[] table =
    [
        new("NLCEN", 8, 0.90, 0.82),
        new("NLCEN", 0, 0.95, 0.90),
        new("UNet", 0, 0.94, 0.89),
        new("UNet", 8, 0.40, 0.25),
        new("NLCEN", 16, 0.85, 0.75),
        new("UNet", 16, 0.20, 0.11),
    ];

    [Theory]
    [InlineData(SegmentationMetric.Dice, new[] { 0.95, 0.90, 0.85 }, new[] { 0.94, 0.40, 0.20 }, "Fig. 4")]
    [InlineData(SegmentationMetric.Jaccard, new[] { 0.90, 0.82, 0.75 }, new[] { 0.89, 0.25, 0.11 }, "Fig. 5")]
    public void Robustness_curves_have_one_line_per_model_sorted_by_epsilon(SegmentationMetric metric, double[] nlcen, double[] unet, string figure)
    {
        var chart = RobustnessFigures.RobustnessCurves(table, metric);
        var traces = FigureJson.Traces(chart);
        Assert.Equal(["NLCEN", "UNet"], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.All(traces, t => Assert.Equal([0.0, 8.0, 16.0], FigureJson.Numbers(t!["x"])));
        Assert.Equal(nlcen, FigureJson.Numbers(traces[0]!["y"]));
        Assert.Equal(unet, FigureJson.Numbers(traces[1]!["y"]));
        var layout = FigureJson.Layout(chart);
        Assert.StartsWith(figure, layout["title"]!["text"]!.GetValue<string>());
        Assert.Equal(RobustnessFigures.EpsilonAxisTitle, layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Ablation_curves_use_the_variant_names()
    {
        var traces = FigureJson.Traces(RobustnessFigures.AblationCurves(
            [new("NLCE full", 0, 0.9, 0.8), new("without attention", 0, 0.8, 0.7), new("without gates", 0, 0.85, 0.75)], SegmentationMetric.Dice));
        Assert.Equal(["NLCE full", "without attention", "without gates"], traces.Select(t => t!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Generalization_draws_each_baseline_with_nlce_solid_and_without_dashed()
    {
        var traces = FigureJson.Traces(RobustnessFigures.Generalization(
        [
            new("UNet", true, 0, 0.9), new("UNet", true, 8, 0.8),
            new("UNet", false, 0, 0.9), new("UNet", false, 8, 0.4),
        ], SegmentationMetric.Dice));
        Assert.Equal(["UNet+NLCE", "UNet"], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("solid", traces[0]!["line"]!["dash"]!.GetValue<string>());
        Assert.Equal("dash", traces[1]!["line"]!["dash"]!.GetValue<string>());
        Assert.Equal([0.9, 0.4], FigureJson.Numbers(traces[1]!["y"]));
    }

    [Fact]
    public void Defense_curves_have_a_filled_band_between_lower_and_upper()
    {
        var traces = FigureJson.Traces(RobustnessFigures.DefenseCurves(
            [new("Frequency refinement", 0, 0.9, 0.85, 0.95), new("Frequency refinement", 8, 0.7, 0.6, 0.8)], SegmentationMetric.Dice));
        Assert.Equal(3, traces.Count);
        Assert.Equal([0.95, 0.8], FigureJson.Numbers(traces[0]!["y"]));
        Assert.Equal([0.85, 0.6], FigureJson.Numbers(traces[1]!["y"]));
        Assert.Equal("tonexty", traces[1]!["fill"]!.GetValue<string>());
        Assert.Equal("Frequency refinement", traces[2]!["name"]!.GetValue<string>());
        Assert.Equal([0.9, 0.7], FigureJson.Numbers(traces[2]!["y"]));
    }

    [Fact]
    public void Bad_rows_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RobustnessFigures.RobustnessCurves([], SegmentationMetric.Dice));
        Assert.Throws<ArgumentException>(() => RobustnessFigures.RobustnessCurves([new("A", 0, 0.9, 0.8), new("A", 0, 0.8, 0.7)], SegmentationMetric.Dice));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RobustnessPoint("A", -1, 0.9, 0.8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RobustnessPoint("A", 0, 1.5, 0.8));
        Assert.Throws<ArgumentException>(() => new DefenseBandPoint("D", 0, 0.9, 0.95, 0.99));
    }
}
