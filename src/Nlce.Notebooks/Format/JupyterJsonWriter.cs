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
    /// Formats a double as Python's <c>repr</c> does (what nbformat writes for durations and metrics): the shortest
    /// digits that round-trip, positional notation for decimal exponents −4 to 15 with at least one fractional digit,
    /// scientific notation with a lower-case, signed, two-digit-minimum exponent otherwise.
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no representation for NaN or infinity.");
        var sign = double.IsNegative(value) ? "-" : "";
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var integerDigits = dot < 0 ? mantissa : mantissa[..dot];
        var allDigits = integerDigits + (dot < 0 ? "" : mantissa[(dot + 1)..]);
        var point = integerDigits.Length + exponent;
        var digits = allDigits.TrimStart('0');
        point -= allDigits.Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            return sign + "0.0";
        var scientific = point - 1;
        if (scientific is >= -4 and < 16)
        {
            if (point <= 0)
                return sign + "0." + new string('0', -point) + digits;
            if (point >= digits.Length)
                return sign + digits + new string('0', point - digits.Length) + ".0";
            return sign + digits[..point] + "." + digits[point..];
        }
        var fraction = digits.Length > 1 ? "." + digits[1..] : "";
        return $"{sign}{digits[0]}{fraction}e{(scientific < 0 ? '-' : '+')}{Math.Abs(scientific):00}";
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
