using Microsoft.DotNet.Interactive.Formatting;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// Turns a value into a <see cref="MimeBundle"/> through <c>Microsoft.DotNet.Interactive.Formatting</c>, the same
/// formatter registry Polyglot Notebooks uses, so a formatter a notebook (or <c>Nlce.Charts.NotebookFormatters</c>)
/// registers gives the same output in VS Code and in the headless runner. With no MIME types asked for, the type's
/// preferred ones are used and <c>text/plain</c> is always added as the fallback every front end can show.
/// </summary>
public static class MimeBundleFormatter
{
    /// <summary>Formats <paramref name="value"/> as <paramref name="mimeTypes"/> (or its preferred types).</summary>
    public static MimeBundle Format(object? value, IReadOnlyList<string> mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        if (value is null)
            return MimeBundle.Of(MimeBundle.PlainText, Formatter.NullString);
        var wanted = mimeTypes.Count > 0
            ? mimeTypes.Distinct(StringComparer.Ordinal).ToList()
            : [.. Formatter.GetPreferredMimeTypesFor(value.GetType())];
        if (mimeTypes.Count == 0 && !wanted.Contains(MimeBundle.PlainText))
            wanted.Add(MimeBundle.PlainText);
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var mime in wanted)
        {
            try
            {
                entries.Add(new(mime, value is byte[] bytes && mime.StartsWith("image/", StringComparison.Ordinal)
                    ? Convert.ToBase64String(bytes)
                    : value.ToDisplayString(mime)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                entries.RemoveAll(x => x.Key == MimeBundle.PlainText);
                entries.Add(new(MimeBundle.PlainText,
                    $"{SafeToString(value)}\n[nlce: the {mime} formatter for {value.GetType().FullName} threw {e.GetType().Name}: {e.Message}]"));
                break;
            }
        }
        return new MimeBundle(entries);
    }

    /// <summary>A bundle holding <paramref name="content"/> as is, for <c>DisplayAs</c>.</summary>
    public static MimeBundle Raw(string content, string mimeType) => MimeBundle.Of(mimeType, content);

    private static string SafeToString(object value)
    {
        try
        {
            return value.ToString() ?? value.GetType().FullName!;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return value.GetType().FullName!;
        }
    }
}
