using System.Text.Json;

namespace Nlce.Notebooks.Parameters;

/// <summary>
/// Parses <c>-p name=value</c> arguments. The value is read as JSON when it is JSON (<c>8</c> → integer,
/// <c>0.5</c> → double, <c>true</c> → boolean, <c>"x"</c> → string, <c>[1, 2]</c> → array), otherwise it is the
/// literal string (<c>-p dataset=jsrt</c>), so values keep their types (papermill issues #396, #55).
/// </summary>
public static class ParameterParser
{
    /// <summary>Parses one <c>name=value</c> argument.</summary>
    public static NotebookParameter ParseAssignment(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
            throw new ArgumentException($"'{assignment}' is not of the form name=value.", nameof(assignment));
        var name = assignment[..equals].Trim();
        ParameterNames.Require(name);
        return new NotebookParameter(name, ParseValue(name, assignment[(equals + 1)..]));
    }

    /// <summary>Parses the value text of parameter <paramref name="name"/>.</summary>
    public static ParameterValue ParseValue(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return new StringValue(text);
        }
        using (document)
            return FromJson(name, document.RootElement, allowArray: true);
    }

    /// <summary>Converts a JSON value (from a parameters file or the command line) to a typed value.</summary>
    public static ParameterValue FromJson(string name, JsonElement element, bool allowArray = true)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0)
                    return element.TryGetInt64(out var integer)
                        ? new IntegerValue(integer)
                        : throw new NotebookParameterException(name, $"{raw} does not fit in a 64-bit integer");
                var d = element.GetDouble();
                return double.IsFinite(d) ? new DoubleValue(d) : throw new NotebookParameterException(name, $"{raw} is not a finite double");
            case JsonValueKind.True:
                return new BooleanValue(true);
            case JsonValueKind.False:
                return new BooleanValue(false);
            case JsonValueKind.String:
                return new StringValue(element.GetString()!);
            case JsonValueKind.Array when allowArray:
                var items = element.EnumerateArray().Select(e => FromJson(name, e, allowArray: false)).ToList();
                var kinds = items.Select(KindOf).Distinct().ToList();
                if (kinds.Count > 1 && !kinds.All(k => k is ParameterKind.Integer or ParameterKind.Double))
                    throw new NotebookParameterException(name, $"array mixes {string.Join(" and ", kinds)} values; expected one kind");
                return new ArrayValue(items);
            case JsonValueKind.Array:
                throw new NotebookParameterException(name, "nested arrays are not supported");
            case JsonValueKind.Null:
                throw new NotebookParameterException(name, "null is not a supported value (C# parameters need a type)");
            default:
                throw new NotebookParameterException(name, $"a JSON {element.ValueKind.ToString().ToLowerInvariant()} is not supported; expected a number, boolean, string or array");
        }
    }

    /// <summary>The kind of a scalar value.</summary>
    public static ParameterKind KindOf(ParameterValue value) => value switch
    {
        IntegerValue => ParameterKind.Integer,
        DoubleValue => ParameterKind.Double,
        BooleanValue => ParameterKind.Boolean,
        StringValue => ParameterKind.String,
        _ => throw new ArgumentException("arrays have no scalar kind.", nameof(value)),
    };
}
