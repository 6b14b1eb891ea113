using System.Net;
using System.Text;
using Nlce.Data;

namespace Nlce.Charts;

/// <summary>One labelled row of an <see cref="ImageGrid"/>.</summary>
public sealed record ImageGridRow
{
    public ImageGridRow(string label, IReadOnlyList<ImageData> panels)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0 || panels.Any(p => p is null))
            throw new ArgumentException($"row '{label}' needs at least one panel and no null panels.", nameof(panels));
        Label = label;
        Panels = panels;
    }

    public string Label { get; }
    public IReadOnlyList<ImageData> Panels { get; }
}

/// <summary>
/// A grid of image panels with column titles and row labels: the layout of the qualitative figures (He et al. 2019,
/// Fig. 1 and 6). In notebooks it shows as an HTML table of embedded PNGs (titles as text) with a single composite
/// PNG as the fallback; each panel is downsampled to at most <see cref="ImagePanels.MaxPanelSide"/>².
/// </summary>
public sealed record ImageGrid
{
    /// <summary>Pixels between panels in the composite PNG.</summary>
    public const int Gap = 4;

    public ImageGrid(IReadOnlyList<string> columnTitles, IReadOnlyList<ImageGridRow> rows)
    {
        ArgumentNullException.ThrowIfNull(columnTitles);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException("an image grid needs at least one row.", nameof(rows));
        foreach (var row in rows)
        {
            if (row.Panels.Count != columnTitles.Count)
                throw new ArgumentException(
                    $"row '{row.Label}' has {row.Panels.Count} panels; expected one per column title ({columnTitles.Count}).", nameof(rows));
        }
        ColumnTitles = columnTitles;
        Rows = rows;
    }

    public IReadOnlyList<string> ColumnTitles { get; }
    public IReadOnlyList<ImageGridRow> Rows { get; }

    /// <summary>All panels drawn into one canvas, row by row (no text: titles are in the HTML form).</summary>
    public RgbCanvas Render()
    {
        var panels = Rows.Select(r => r.Panels.Select(p => ImagePanels.FitWithin(p)).ToList()).ToList();
        var columnWidths = Enumerable.Range(0, ColumnTitles.Count).Select(c => panels.Max(r => r[c].Width)).ToList();
        var rowHeights = panels.Select(r => r.Max(p => p.Height)).ToList();
        var canvas = new RgbCanvas(columnWidths.Sum() + Gap * (columnWidths.Count - 1), rowHeights.Sum() + Gap * (rowHeights.Count - 1));
        var y = 0;
        for (var r = 0; r < panels.Count; r++)
        {
            var x = 0;
            for (var c = 0; c < columnWidths.Count; c++)
            {
                canvas.Draw(panels[r][c], x, y);
                x += columnWidths[c] + Gap;
            }
            y += rowHeights[r] + Gap;
        }
        return canvas;
    }

    /// <summary>The composite as PNG bytes.</summary>
    public byte[] ToPng() => Render().ToPng();

    /// <summary>An HTML table: column titles as headers, row labels first, each panel an embedded PNG.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"nlce-image-grid\"><thead><tr><th></th>");
        foreach (var title in ColumnTitles)
            html.Append("<th>").Append(WebUtility.HtmlEncode(title)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr><th>").Append(WebUtility.HtmlEncode(row.Label)).Append("</th>");
            foreach (var panel in row.Panels)
            {
                var fitted = ImagePanels.FitWithin(panel);
                html.Append("<td><img alt=\"\" width=\"").Append(fitted.Width).Append("\" height=\"").Append(fitted.Height)
                    .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(PngEncoder.Encode(fitted))).Append("\"/></td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }
}
