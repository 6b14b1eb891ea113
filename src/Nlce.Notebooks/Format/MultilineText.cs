using System.Text;
using System.Text.Json.Nodes;

namespace Nlce.Notebooks.Format;

/// <summary>
/// nbformat's multi-line strings (cell sources, stream text, text mime data): stored either as one string or as a
/// list of lines, each keeping its line ending. Splitting follows Python's <c>str.splitlines(keepends=True)</c>, which
/// is what nbformat uses, so a notebook we write matches one Jupyter writes.
/// </summary>
public static class MultilineText
{
    /// <summary>Splits <paramref name="text"/> into lines that keep their endings; "" gives no lines.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsLineBoundary(c))
                continue;
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                i++;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    /// <summary>The JSON array form of <paramref name="text"/>.</summary>
    public static JsonArray ToJsonLines(string text)
    {
        var array = new JsonArray();
        foreach (var line in SplitLines(text))
            array.Add(JsonValue.Create(line));
        return array;
    }

    /// <summary>
    /// Reads a multi-line field: a string or an array of strings, joined. Throws <see cref="FormatException"/> naming
    /// the offending element for anything else (the caller wraps it with the file and field).
    /// </summary>
    public static string Read(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var s):
                return s;
            case JsonArray array:
                var text = new StringBuilder();
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue line && line.TryGetValue<string>(out var part))
                        text.Append(part);
                    else
                        throw new FormatException($"element [{i}] is {Describe(array[i])}; expected a string");
                }
                return text.ToString();
            default:
                throw new FormatException($"is {Describe(node)}; expected a string or an array of strings");
        }
    }

    /// <summary>Names the JSON kind of <paramref name="node"/> for error messages.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => $"a {v.GetValueKind().ToString().ToLowerInvariant()} ({v.ToJsonString()})",
        _ => node.GetType().Name,
    };

    private static bool IsLineBoundary(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
}
