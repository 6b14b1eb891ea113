using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nlce.Notebooks.Format;

/// <summary>
/// Writes a JSON tree the way nbformat does (Python <c>json.dumps(nb, indent=1, ensure_ascii=False,
/// separators=(',', ': '))</c>): members in their stored order, "key": value, non-ASCII text written as is, only the
/// characters JSON requires escaped (control characters as lower-case <c>\u00xx</c>), and numbers read from a file
/// written with their original text. Property order is the caller's: the notebook model inserts new keys in sorted
/// position, as nbformat's <c>sort_keys=True</c> would.
/// </summary>
public static class JupyterJsonWriter
{
    /// <summary>Serialises <paramref name="node"/> in <paramref name="style"/> (without BOM; the caller writes bytes).</summary>
    public static string Write(JsonNode? node, NotebookJsonStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        var text = new StringBuilder();
        WriteNode(text, node, 0, style);
        if (style.FinalNewLine)
            text.Append(style.NewLine);
        return text.ToString();
    }

    /// <summary>Appends a JSON string literal for <paramref name="value"/> with nbformat's escaping.</summary>
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20)
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }

    /// <summary>
    /// Formats a double as Python's <c>repr</c> does for the values notebooks hold (durations, metrics): shortest
    /// round-trip digits, lower-case exponent, and ".0" on integral values.
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no representation for NaN or infinity.");
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        if (text.IndexOfAny(['.', 'e']) < 0)
            text += ".0";
        return text;
    }

    private static void WriteNode(StringBuilder text, JsonNode? node, int depth, NotebookJsonStyle style)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, depth, style);
                break;
            case JsonArray array:
                WriteArray(text, array, depth, style);
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
            default:
                throw new ArgumentException($"Unsupported JSON node type {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj, int depth, NotebookJsonStyle style)
    {
        if (obj.Count == 0)
        {
            text.Append("{}");
            return;
        }
        text.Append('{');
        var first = true;
        foreach (var (key, value) in obj)
        {
            if (!first)
                text.Append(',');
            first = false;
            NewLine(text, depth + 1, style);
            WriteString(text, key);
            text.Append(": ");
            WriteNode(text, value, depth + 1, style);
        }
        NewLine(text, depth, style);
        text.Append('}');
    }

    private static void WriteArray(StringBuilder text, JsonArray array, int depth, NotebookJsonStyle style)
    {
        if (array.Count == 0)
        {
            text.Append("[]");
            return;
        }
        text.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            NewLine(text, depth + 1, style);
            WriteNode(text, array[i], depth + 1, style);
        }
        NewLine(text, depth, style);
        text.Append(']');
    }

    private static void NewLine(StringBuilder text, int depth, NotebookJsonStyle style) =>
        text.Append(style.NewLine).Append(' ', depth * style.Indent);

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(text, element.GetString()!);
                    return;
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                case JsonValueKind.Null:
                    text.Append(element.GetRawText());
                    return;
                default:
                    throw new ArgumentException($"Unexpected JSON element kind {element.ValueKind} inside a value.", nameof(value));
            }
        }
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                return;
            case JsonValueKind.True:
                text.Append("true");
                return;
            case JsonValueKind.False:
                text.Append("false");
                return;
            case JsonValueKind.Number:
                if (value.TryGetValue<double>(out var d) && !value.TryGetValue<long>(out _) && !value.TryGetValue<int>(out _))
                    text.Append(FormatDouble(d));
                else
                    text.Append(value.ToJsonString());
                return;
            default:
                text.Append(value.ToJsonString());
                return;
        }
    }
}
