namespace Nlce.Notebooks.Parameters;

/// <summary>The C# scalar types a parameter can be injected as.</summary>
public enum ParameterScalarType
{
    Int,
    Long,
    Double,
    Float,
    Decimal,
    Bool,
    String,
}

/// <summary>A C# parameter type: a scalar type, or a one-dimensional array of one.</summary>
public sealed record ParameterType(ParameterScalarType Scalar, bool IsArray)
{
    /// <summary>The C# keyword of the scalar type.</summary>
    public string ScalarKeyword => Scalar switch
    {
        ParameterScalarType.Int => "int",
        ParameterScalarType.Long => "long",
        ParameterScalarType.Double => "double",
        ParameterScalarType.Float => "float",
        ParameterScalarType.Decimal => "decimal",
        ParameterScalarType.Bool => "bool",
        ParameterScalarType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(Scalar), Scalar, "unknown scalar type"),
    };

    /// <summary>The C# spelling, e.g. <c>double[]</c>.</summary>
    public override string ToString() => IsArray ? ScalarKeyword + "[]" : ScalarKeyword;

    /// <summary>Parses a declared type (<c>int</c>, <c>System.Double</c>, <c>string[]</c>, ...); null when unsupported.</summary>
    public static ParameterType? TryParse(string typeText)
    {
        ArgumentNullException.ThrowIfNull(typeText);
        var text = typeText.Replace(" ", "", StringComparison.Ordinal);
        var isArray = text.EndsWith("[]", StringComparison.Ordinal);
        if (isArray)
            text = text[..^2];
        if (text.StartsWith("System.", StringComparison.Ordinal))
            text = text["System.".Length..];
        ParameterScalarType? scalar = text switch
        {
            "int" or "Int32" => ParameterScalarType.Int,
            "long" or "Int64" => ParameterScalarType.Long,
            "double" or "Double" => ParameterScalarType.Double,
            "float" or "Single" => ParameterScalarType.Float,
            "decimal" or "Decimal" => ParameterScalarType.Decimal,
            "bool" or "Boolean" => ParameterScalarType.Bool,
            "string" or "String" => ParameterScalarType.String,
            _ => null,
        };
        return scalar is { } s ? new ParameterType(s, isArray) : null;
    }
}
