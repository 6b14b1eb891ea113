using System.Text.RegularExpressions;

namespace Nlce.Notebooks.Outputs;

/// <summary>
/// The <c>data</c> of a <c>display_data</c> or <c>execute_result</c> output (nbformat 4 "mimebundle"): one
/// representation per MIME type, in the order the producer preferred them. Text types hold text; <c>image/png</c>
/// holds base64; JSON types (<c>application/json</c>, <c>*+json</c>) hold JSON text and are stored as JSON in the file.
/// </summary>
public sealed partial class MimeBundle
{
    /// <summary>Plain text, the fallback every front end can show.</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML fragment.</summary>
    public const string Html = "text/html";

    /// <summary>Base64-encoded PNG image.</summary>
    public const string Png = "image/png";

    /// <summary>A Plotly figure (data, layout, config) that JupyterLab and VS Code's Jupyter renderers draw natively.</summary>
    public const string PlotlyJson = "application/vnd.plotly.v1+json";

    private readonly List<KeyValuePair<string, string>> entries;

    public MimeBundle(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [];
        foreach (var (mime, content) in entries)
        {
            if (!MimeTypePattern().IsMatch(mime))
                throw new ArgumentException($"'{mime}' is not a MIME type of the form type/subtype.", nameof(entries));
            ArgumentNullException.ThrowIfNull(content, nameof(entries));
            if (this.entries.Any(e => e.Key == mime))
                throw new ArgumentException($"MIME type '{mime}' appears twice.", nameof(entries));
            this.entries.Add(new(mime, content));
        }
        if (this.entries.Count == 0)
            throw new ArgumentException("A mime bundle needs at least one representation.", nameof(entries));
    }

    /// <summary>A bundle with one representation.</summary>
    public static MimeBundle Of(string mimeType, string content) => new([new(mimeType, content)]);

    /// <summary>The representations in producer order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => entries;

    /// <summary>The MIME types present.</summary>
    public IEnumerable<string> MimeTypes => entries.Select(e => e.Key);

    /// <summary>The content for <paramref name="mimeType"/>, or null when absent.</summary>
    public string? this[string mimeType] => entries.FirstOrDefault(e => e.Key == mimeType).Value;

    /// <summary>Whether JSON-valued: <c>application/json</c> or a <c>+json</c> subtype (nbformat stores these as JSON).</summary>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);

    [GeneratedRegex(@"^[a-zA-Z0-9!#$&^_.+-]+/[a-zA-Z0-9!#$&^_.+-]+$")]
    private static partial Regex MimeTypePattern();
}
