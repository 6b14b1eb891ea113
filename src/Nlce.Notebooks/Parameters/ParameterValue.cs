using System.Text.Json.Nodes;

namespace Nlce.Notebooks.Parameters;

/// <summary>The kind of a parameter value (REQ-RUN-1: values keep their type from the command line to the cell).</summary>
public enum ParameterKind
{
    Integer,
    Double,
    Boolean,
    String,
}

/// <summary>A typed parameter value: a scalar, or an array of scalars of one kind.</summary>
public abstract record ParameterValue
{
    /// <summary>The value as JSON, for <c>metadata.papermill.parameters</c> and the run summary.</summary>
    public abstract JsonNode ToJson();
}

public sealed record IntegerValue(long Value) : ParameterValue
{
    public override JsonNode ToJson() => JsonValue.Create(Value);
}

public sealed record DoubleValue(double Value) : ParameterValue
{
    public override JsonNode ToJson() => JsonValue.Create(Value);
}

public sealed record BooleanValue(bool Value) : ParameterValue
{
    public override JsonNode ToJson() => JsonValue.Create(Value);
}

public sealed record StringValue(string Value) : ParameterValue
{
    public override JsonNode ToJson() => JsonValue.Create(Value);
}

/// <summary>An array of scalars of one kind (integers and doubles may mix; they widen to double).</summary>
public sealed record ArrayValue : ParameterValue
{
    public ArrayValue(IReadOnlyList<ParameterValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Any(i => i is ArrayValue))
            throw new ArgumentException("nested arrays are not supported as parameter values.", nameof(items));
        Items = items;
    }

    public IReadOnlyList<ParameterValue> Items { get; }

    public override JsonNode ToJson() => new JsonArray(Items.Select(i => (JsonNode?)i.ToJson()).ToArray());
}

/// <summary>A named parameter value.</summary>
public sealed record NotebookParameter
{
    public NotebookParameter(string name, ParameterValue value)
    {
        ParameterNames.Require(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
    }

    public string Name { get; }
    public ParameterValue Value { get; }
}
