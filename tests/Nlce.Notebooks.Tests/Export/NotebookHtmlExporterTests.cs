using System.Text.RegularExpressions;
using Nlce.Charts;
using Nlce.Notebooks.Export;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Tests.Export;

public class NotebookHtmlExporterTests
{
    private static NotebookDocument Executed(bool withCharts)
    {
        var notebook = NotebookDocument.CreatePolyglot();
        notebook.AddCell(NotebookCell.CreateMarkdown("m0", "# Fig. 4\n\nRobustness **curves**."));
        var code = NotebookCell.CreateCode("c1", "if (a < b) display(chart);");
        code.ExecutionCount = 1;
        code.AddOutput(new StreamOutput(OutputStreamName.Stdout, "\u001b[32mgreen\u001b[0m <text>\n"));
        code.AddOutput(new DisplayDataOutput(MimeBundle.Of(MimeBundle.Png, "iVBORw0KGgo=")));
        if (withCharts)
        {
            foreach (var model in new[] { "NLCEN", "UNet" })
            {
                var chart = RobustnessFigures.RobustnessCurves([new RobustnessPoint(model, 0, 0.9, 0.8), new RobustnessPoint(model, 8, 0.5, 0.4)], SegmentationMetric.Dice);
                var figure = PlotlyHtml.FigureJson(chart);
                code.AddOutput(new DisplayDataOutput(new MimeBundle([new(MimeBundle.Html, PlotlyHtml.Fragment(figure)), new(MimeBundle.PlotlyJson, figure)])));
            }
        }
        code.AddOutput(new ExecuteResultOutput(MimeBundle.Of(MimeBundle.PlainText, "42"), 1));
        code.AddOutput(new ErrorOutput("System.Exception", "oops", ["System.Exception: oops", "   at Submission#1"]));
        notebook.AddCell(code);
        return notebook;
    }

    [Fact]
    public void Report_renders_markdown_code_and_every_output()
    {
        var html = NotebookHtmlExporter.Export(Executed(withCharts: false), "fig4");
        Assert.Contains("<title>fig4</title>", html);
        Assert.Matches("<h1[^>]*>Fig. 4</h1>", html);
        Assert.Contains("<strong>curves</strong>", html);
        Assert.Contains("In [1]:", html);
        Assert.Contains("if (a &lt; b) display(chart);", html);
        Assert.Contains(">green &lt;text&gt;\n</pre>", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
        Assert.Contains("Out[1]:", html);
        Assert.Contains("System.Exception: oops", html);
        Assert.DoesNotContain(NotebookHtmlExporter.PlotlyScriptId, html);
    }

    [Fact]
    public void Charts_get_exactly_one_inlined_plotly_bundle_and_no_cdn()
    {
        var html = NotebookHtmlExporter.Export(Executed(withCharts: true), "fig4");
        Assert.Single(Regex.Matches(html, $"<script type=\"text/javascript\" id=\"{NotebookHtmlExporter.PlotlyScriptId}\">"));
        Assert.Single(Regex.Matches(html, "Plotly.NET.plotly|plotly.js v2"));
        Assert.Equal(2, Regex.Matches(html, "class=\"nlce-plotly\"").Count);
        Assert.DoesNotMatch("<script[^>]*\\ssrc=", html);
        Assert.DoesNotContain("requirejs", html);
        Assert.True(html.IndexOf(NotebookHtmlExporter.PlotlyScriptId, StringComparison.Ordinal) < html.IndexOf("class=\"nlce-plotly\"", StringComparison.Ordinal));
    }
}
