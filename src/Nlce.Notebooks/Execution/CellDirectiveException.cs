namespace Nlce.Notebooks.Execution;

/// <summary>
/// A cell directive (<c>#r</c>, <c>#i</c>, <c>#!magic</c>) the headless runner cannot honour. Reported as the cell's
/// error output, naming the line and what is supported.
/// </summary>
public sealed class CellDirectiveException(int line, string directive, string problem)
    : Exception($"line {line}: {directive}: {problem}")
{
    /// <summary>1-based line within the cell.</summary>
    public int Line { get; } = line;

    /// <summary>The directive as written.</summary>
    public string Directive { get; } = directive;
}
