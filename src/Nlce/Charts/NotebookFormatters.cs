using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Nlce.Data;
using Plotly.NET;

namespace Nlce.Charts;

/// <summary>
/// Registers the workbench's notebook formatters with <c>Microsoft.DotNet.Interactive.Formatting</c>, the registry
/// both Polyglot Notebooks and the headless runner format values through, so a cell shows the same output in VS Code
/// and in <c>nlce notebook run</c>: Plotly charts as <c>text/html</c> + <c>application/vnd.plotly.v1+json</c>, images,
/// masks, image batches, overlays and image grids as <c>image/png</c> (grids also as an HTML table with titles), and DataFrames as an
/// HTML table. Call once per session (the runner does; in VS Code the first cell does); calling again re-registers the
/// same formatters.
/// </summary>
public static class NotebookFormatters
{
    /// <summary>Plotly's figure MIME type.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    /// <summary>Registers every formatter.</summary>
    public static void Register()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyHtml.Fragment(PlotlyHtml.FigureJson(chart))), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyHtml.FigureJson(chart)), PlotlyMimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write($"Plotly chart with {GenericChart.countTrace(chart)} trace(s)"), PlainTextFormatter.MimeType);
        foreach (var chartType in new[] { typeof(GenericChart), typeof(GenericChart.Chart), typeof(GenericChart.MultiChart) })
            Formatter.SetPreferredMimeTypesFor(chartType, HtmlFormatter.MimeType, PlotlyMimeType, PlainTextFormatter.MimeType);

        RegisterPng<ImageData>(PngEncoder.Encode, image => $"ImageData {image.Width}×{image.Height}×{image.Channels}");
        RegisterPng<MaskData>(PngEncoder.Encode, mask => $"MaskData {mask.Width}×{mask.Height}, foreground {mask.ForegroundFraction:P1}");
        RegisterPng<SegmentationOverlay>(overlay => overlay.ToPng(), overlay => $"Overlay {overlay.Image.Width}×{overlay.Image.Height}");
        RegisterPng<ImageBatch>(batch => batch.ToPng(), batch => $"ImageBatch of {batch.Images.Count}");
        RegisterPng<ImageGrid>(grid => grid.ToPng(), grid => $"Image grid {grid.Rows.Count}×{grid.ColumnTitles.Count}");
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToHtml()), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ImageGrid), HtmlFormatter.MimeType, "image/png", PlainTextFormatter.MimeType);

        Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameHtml.ToHtml(frame)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), HtmlFormatter.MimeType);
    }

    private static void RegisterPng<T>(Func<T, byte[]> encode, Func<T, string> describe)
    {
        Formatter.Register<T>((value, writer) => writer.Write(Convert.ToBase64String(encode(value))), "image/png");
        Formatter.Register<T>((value, writer) => writer.Write(describe(value)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), "image/png", PlainTextFormatter.MimeType);
    }
}
