using System.Globalization;
using System.Text;

namespace Nlce.Notebooks.Parameters;

/// <summary>
/// Renders the source of the <c>injected-parameters</c> cell: one typed declaration per parameter
/// (<c>double eps = 8.0;</c>), which shadows the default in the <c>parameters</c> cell as C# scripting allows
/// (papermill's C# translator writes <c>var</c>; declaring the type keeps <c>8</c> a double where the notebook wants one).
/// </summary>
public static class CSharpParameterRenderer
{
    /// <summary>The first line of every injected cell.</summary>
    public const string Header = "// Parameters injected by nlce notebook run; they override the defaults in the cell tagged \"parameters\".";

    /// <summary>
    /// The injected cell's source. Each parameter takes its type from <paramref name="declarations"/> when the notebook
    /// declares it, otherwise from its value. Throws <see cref="NotebookParameterException"/> when a value does not fit.
    /// </summary>
    public static string Render(IReadOnlyList<NotebookParameter> parameters, IReadOnlyDictionary<string, DeclaredParameter>? declarations)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var parameter in parameters)
        {
            ParameterType type;
            if (declarations is not null && declarations.TryGetValue(parameter.Name, out var declared))
                type = declared.Type ?? throw new NotebookParameterException(parameter.Name, $"cannot be injected: {declared.Unsupported}");
            else
                type = TypeOfValue(parameter.Name, parameter.Value);
            text.Append(type).Append(' ').Append(parameter.Name).Append(" = ").Append(Literal(parameter.Name, parameter.Value, type)).Append(";\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The C# type a value gets when no declaration says otherwise.</summary>
    public static ParameterType TypeOfValue(string name, ParameterValue value) => value switch
    {
        IntegerValue i => new ParameterType(i.Value is >= int.MinValue and <= int.MaxValue ? ParameterScalarType.Int : ParameterScalarType.Long, false),
        DoubleValue => new ParameterType(ParameterScalarType.Double, false),
        BooleanValue => new ParameterType(ParameterScalarType.Bool, false),
        StringValue => new ParameterType(ParameterScalarType.String, false),
        ArrayValue { Items.Count: 0 } => throw new NotebookParameterException(name, "an empty array needs a declared type in the parameters cell"),
        ArrayValue a => a.Items.Select(item => TypeOfValue(name, item).Scalar).Aggregate(Widen) is var scalar
            ? new ParameterType(scalar, true)
            : throw new InvalidOperationException(),
        _ => throw new NotebookParameterException(name, $"unsupported value {value}"),
    };

    /// <summary>The C# literal of <paramref name="value"/> as <paramref name="type"/>.</summary>
    public static string Literal(string name, ParameterValue value, ParameterType type)
    {
        if (type.IsArray)
        {
            if (value is not ArrayValue array)
                throw new NotebookParameterException(name, $"expects {type}; got the single value {Describe(value)}");
            var scalar = type with { IsArray = false };
            return array.Items.Count == 0
                ? $"System.Array.Empty<{scalar}>()"
                : $"new {type} {{ {string.Join(", ", array.Items.Select(item => Literal(name, item, scalar)))} }}";
        }
        if (value is ArrayValue)
            throw new NotebookParameterException(name, $"expects a single {type}; got an array");
        return (type.Scalar, value) switch
        {
            (ParameterScalarType.Int, IntegerValue { Value: >= int.MinValue and <= int.MaxValue } i) => i.Value.ToString(CultureInfo.InvariantCulture),
            (ParameterScalarType.Int, DoubleValue d) when IsIntegral(d.Value, int.MinValue, int.MaxValue) => ((long)d.Value).ToString(CultureInfo.InvariantCulture),
            (ParameterScalarType.Long, IntegerValue i) => i.Value.ToString(CultureInfo.InvariantCulture) + "L",
            (ParameterScalarType.Long, DoubleValue d) when IsIntegral(d.Value, long.MinValue, long.MaxValue) => ((long)d.Value).ToString(CultureInfo.InvariantCulture) + "L",
            (ParameterScalarType.Double, IntegerValue i) => CSharpLiteral.Double(i.Value),
            (ParameterScalarType.Double, DoubleValue d) => CSharpLiteral.Double(d.Value),
            (ParameterScalarType.Float, IntegerValue i) => CSharpLiteral.Float(i.Value),
            (ParameterScalarType.Float, DoubleValue d) when Math.Abs(d.Value) <= float.MaxValue => CSharpLiteral.Float((float)d.Value),
            (ParameterScalarType.Decimal, IntegerValue i) => CSharpLiteral.Decimal(i.Value),
            (ParameterScalarType.Decimal, DoubleValue d) when Math.Abs(d.Value) < 7.9e28 => CSharpLiteral.Decimal((decimal)d.Value),
            (ParameterScalarType.Bool, BooleanValue b) => b.Value ? "true" : "false",
            (ParameterScalarType.String, StringValue s) => CSharpLiteral.String(s.Value),
            (ParameterScalarType.String, IntegerValue i) => CSharpLiteral.String(i.Value.ToString(CultureInfo.InvariantCulture)),
            (ParameterScalarType.String, DoubleValue d) => CSharpLiteral.String(d.Value.ToString("R", CultureInfo.InvariantCulture)),
            (ParameterScalarType.String, BooleanValue b) => CSharpLiteral.String(b.Value ? "true" : "false"),
            _ => throw new NotebookParameterException(name, $"expects {type}; got {Describe(value)}"),
        };
    }

    private static ParameterScalarType Widen(ParameterScalarType a, ParameterScalarType b) => (a, b) switch
    {
        _ when a == b => a,
        (ParameterScalarType.Int, ParameterScalarType.Long) or (ParameterScalarType.Long, ParameterScalarType.Int) => ParameterScalarType.Long,
        (ParameterScalarType.Int or ParameterScalarType.Long or ParameterScalarType.Double, ParameterScalarType.Int or ParameterScalarType.Long or ParameterScalarType.Double) => ParameterScalarType.Double,
        _ => throw new ArgumentException($"cannot combine {a} and {b} in one array"),
    };

    private static bool IsIntegral(double value, double min, double max) => Math.Floor(value) == value && value >= min && value <= max;

    private static string Describe(ParameterValue value) => value switch
    {
        IntegerValue i => $"the integer {i.Value}",
        DoubleValue d => $"the number {d.Value.ToString("R", CultureInfo.InvariantCulture)}",
        BooleanValue b => $"the boolean {(b.Value ? "true" : "false")}",
        StringValue s => $"the string {CSharpLiteral.String(s.Value)}",
        ArrayValue a => $"an array of {a.Items.Count}",
        _ => value.ToString(),
    };
}
