namespace Nlce.Notebooks.Running;

/// <summary>
/// The failing cell of a run: its index as executed (input cells plus the injected parameters cell), its index in the
/// output notebook (after the error banner and anchor were inserted), its execution count and its error.
/// </summary>
public sealed record FailedCell(int Index, int OutputIndex, int? ExecutionCount, string ErrorName, string ErrorValue);

/// <summary>How a notebook run ended.</summary>
public sealed record NotebookRunResult(
    NotebookExitCode ExitCode,
    string Message,
    FailedCell? FailedCell,
    TimeSpan Duration,
    string? OutputPath,
    string? SummaryPath,
    IReadOnlyList<string> Warnings)
{
    public bool Succeeded => ExitCode == NotebookExitCode.Success;
}
