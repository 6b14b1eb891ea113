using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>The outcome of executing one cell: its status, outputs in order, and the execution count it used.</summary>
public sealed record CellExecutionResult(CellExecutionStatus Status, IReadOnlyList<CellOutput> Outputs, int? ExecutionCount)
{
    /// <summary>The error output, when the cell failed.</summary>
    public ErrorOutput? Error => Outputs.OfType<ErrorOutput>().LastOrDefault();
}
