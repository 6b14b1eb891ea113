using System.Security.Cryptography;
using System.Text;
using Plotly.NET;

namespace Nlce.Charts;

/// <summary>
/// How charts travel in notebooks without a CDN or require.js (REQ-PLOT-1): each chart output carries its figure as
/// <c>application/vnd.plotly.v1+json</c> (drawn natively by JupyterLab and VS Code's Jupyter renderers) and a
/// <c>text/html</c> fragment that draws it with a page-level <c>Plotly</c> if one is loaded. plotly.js itself is
/// shipped once per page by whoever renders the page: the HTML report inlines the copy embedded in Plotly.NET.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>The figure JSON (<c>data</c>, <c>layout</c>, <c>frames</c>) of <paramref name="chart"/>.</summary>
    public static string FigureJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toFigureJson(chart);
    }

    /// <summary>
    /// An HTML fragment that draws <paramref name="figureJson"/> into a div. The div id is derived from the figure, so
    /// the same figure gives the same bytes on every run.
    /// </summary>
    public static string Fragment(string figureJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(figureJson);
        var id = "plotly-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(figureJson)))[..16];
        return $"<div id=\"{id}\" class=\"nlce-plotly\"></div>\n<script type=\"text/javascript\">\n(function () {{\n" +
               $"  var figure = {figureJson.Replace("</", "<\\/", StringComparison.Ordinal)};\n" +
               $"  var target = document.getElementById('{id}');\n" +
               "  if (window.Plotly) { window.Plotly.newPlot(target, figure.data, figure.layout || {}, { responsive: true }); }\n" +
               "  else { target.textContent = 'This chart needs plotly.js: open the HTML report (nlce notebook run --html) or a Jupyter front end.'; }\n" +
               "})();\n</script>";
    }

    /// <summary>
    /// A standalone HTML page with a title, a note and <paramref name="chart"/>, plotly.js inlined so that it opens offline.
    /// </summary>
    public static string Page(string title, string note, GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
        return $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{Escape(title)}</title>\n" +
               $"<script type=\"text/javascript\">{PlotlyJs().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)}</script>\n</head>\n<body>\n" +
               $"<h1>{Escape(title)}</h1>\n<p>{Escape(note)}</p>\n{Fragment(FigureJson(chart))}\n</body>\n</html>\n";
    }

    /// <summary>The minified plotly.js that Plotly.NET embeds (for inlining into standalone HTML reports).</summary>
    public static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} carries no embedded plotly-*.min.js resource.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
