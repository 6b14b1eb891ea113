namespace Nlce.Notebooks.Parameters;

/// <summary>A parameter that cannot be injected: unknown name, wrong type, or an unparsable value. Names the parameter.</summary>
public sealed class NotebookParameterException(string parameter, string problem)
    : Exception($"parameter '{parameter}': {problem}")
{
    /// <summary>The parameter at fault.</summary>
    public string Parameter { get; } = parameter;
}
