using System.Text.Json.Nodes;
using Nlce.Charts;
using Plotly.NET;

namespace Nlce.Notebooks.Tests.Charts;

/// <summary>Reads a chart's figure JSON (REQ-PLOT-3: assert on data and layout, not on pixels).</summary>
public static class FigureJson
{
    public static JsonArray Traces(GenericChart chart) => JsonNode.Parse(PlotlyHtml.FigureJson(chart))!["data"]!.AsArray();

    public static JsonNode Layout(GenericChart chart) => JsonNode.Parse(PlotlyHtml.FigureJson(chart))!["layout"]!;

    public static double[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
}
