using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace Nlce.Charts;

/// <summary>An HTML table for a <see cref="DataFrame"/> (header, at most <see cref="MaxRows"/> rows, and a row count).</summary>
public static class DataFrameHtml
{
    /// <summary>Rows shown before the table is cut.</summary>
    public const int MaxRows = 50;

    /// <summary>Formats <paramref name="frame"/> as an HTML table.</summary>
    public static string ToHtml(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var html = new StringBuilder("<table class=\"nlce-dataframe\"><thead><tr><th></th>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        var shown = Math.Min(frame.Rows.Count, MaxRows);
        for (long row = 0; row < shown; row++)
        {
            html.Append("<tr><th>").Append(row).Append("</th>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(Convert.ToString(column[row], System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        html.Append("<p>").Append(frame.Rows.Count).Append(" rows × ").Append(frame.Columns.Count).Append(" columns");
        if (frame.Rows.Count > shown)
            html.Append(" (first ").Append(shown).Append(" shown)");
        return html.Append("</p>").ToString();
    }
}
