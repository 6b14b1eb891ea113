using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Nlce.Charts;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Export;

/// <summary>
/// Writes an executed notebook as one standalone HTML report (issue 6, <c>--html</c>): markdown cells rendered with
/// Markdig, code cells with their prompts, and every output in its richest form (Plotly figure, HTML, PNG, text,
/// error traceback). When any output is a Plotly figure, the plotly.js that Plotly.NET embeds is inlined once in the
/// page head, so the report opens offline with working charts and no CDN or require.js.
/// </summary>
public static partial class NotebookHtmlExporter
{
    /// <summary>The id of the inlined plotly.js script element (there is at most one).</summary>
    public const string PlotlyScriptId = "nlce-plotly-js";

    private static readonly MarkdownPipeline markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The report for <paramref name="notebook"/>; <paramref name="title"/> goes into the page title.</summary>
    public static string Export(NotebookDocument notebook, string title)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(title);
        var body = new StringBuilder();
        var needsPlotly = false;
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            switch (cell.CellType)
            {
                case NotebookCellType.Markdown:
                    body.Append("<div class=\"cell markdown\">").Append(Markdown.ToHtml(cell.Source, markdown)).Append("</div>\n");
                    break;
                case NotebookCellType.Raw:
                    body.Append("<div class=\"cell raw\"><pre>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre></div>\n");
                    break;
                case NotebookCellType.Code:
                    var prompt = cell.ExecutionCount is { } n ? $"In [{n}]:" : "In [ ]:";
                    body.Append("<div class=\"cell code\"><div class=\"prompt\">").Append(prompt).Append("</div><pre class=\"source\"><code class=\"language-csharp\">")
                        .Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre>\n");
                    foreach (var output in cell.ReadOutputs(notebook.SourcePath, index))
                        needsPlotly |= AppendOutput(body, output);
                    body.Append("</div>\n");
                    break;
            }
        }
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        if (needsPlotly)
            page.Append("<script type=\"text/javascript\" id=\"").Append(PlotlyScriptId).Append("\">\n")
                .Append(PlotlyHtml.PlotlyJs().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("\n</script>\n");
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Reads the notebook at <paramref name="notebookPath"/> and writes its report to <paramref name="htmlPath"/> atomically.</summary>
    public static void ExportFile(string notebookPath, string htmlPath)
    {
        var notebook = NotebookDocument.Load(notebookPath);
        AtomicFile.WriteAllText(htmlPath, Export(notebook, Path.GetFileNameWithoutExtension(notebookPath)));
    }

    private static bool AppendOutput(StringBuilder body, CellOutput output)
    {
        switch (output)
        {
            case StreamOutput stream:
                body.Append("<pre class=\"output stream ").Append(stream.Name == OutputStreamName.Stdout ? "stdout" : "stderr").Append("\">")
                    .Append(WebUtility.HtmlEncode(AnsiEscapes().Replace(stream.Text, ""))).Append("</pre>\n");
                return false;
            case ErrorOutput error:
                body.Append("<pre class=\"output error\">").Append(WebUtility.HtmlEncode($"{error.ErrorName}: {error.ErrorValue}\n"))
                    .Append(WebUtility.HtmlEncode(AnsiEscapes().Replace(string.Join("\n", error.Traceback), ""))).Append("</pre>\n");
                return false;
            case DisplayDataOutput display:
                return AppendBundle(body, display.Data, null);
            case ExecuteResultOutput result:
                return AppendBundle(body, result.Data, $"Out[{result.ExecutionCount}]:");
            default:
                throw new ArgumentException($"unknown output {output.GetType().Name}", nameof(output));
        }
    }

    private static bool AppendBundle(StringBuilder body, MimeBundle data, string? prompt)
    {
        body.Append("<div class=\"output rich\">");
        if (prompt is not null)
            body.Append("<div class=\"prompt\">").Append(prompt).Append("</div>");
        var plotly = false;
        if (data[MimeBundle.PlotlyJson] is { } figure)
        {
            body.Append(PlotlyHtml.Fragment(figure));
            plotly = true;
        }
        else if (data[MimeBundle.Html] is { } html)
            body.Append(html);
        else if (data[MimeBundle.Png] is { } png)
            body.Append("<img alt=\"output\" src=\"data:image/png;base64,").Append(png.Trim()).Append("\"/>");
        else if (data["image/svg+xml"] is { } svg)
            body.Append(svg);
        else
            body.Append("<pre>").Append(WebUtility.HtmlEncode(data[MimeBundle.PlainText] ?? string.Join(", ", data.MimeTypes))).Append("</pre>");
        body.Append("</div>\n");
        return plotly;
    }

    private const string Style = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.5em; }
        .cell { margin: 1em 0; }
        .prompt { color: #888; font-family: monospace; font-size: 0.85em; }
        pre { background: #f3f3f3; padding: 0.6em; overflow-x: auto; white-space: pre-wrap; }
        pre.source { background: #eef2f7; border-left: 3px solid #6b8cc7; }
        pre.stderr { background: #fff4e5; }
        pre.error { background: #fde8e8; color: #9b1c1c; }
        .output img { max-width: 100%; }
        table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: 0.2em 0.5em; }

        """;

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscapes();
}
