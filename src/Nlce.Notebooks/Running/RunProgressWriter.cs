using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Running;

/// <summary>
/// Renders run progress as text for a terminal or log (the front end chooses the writer): a line per cell start and
/// end, warnings, and the cells' own output passed through live, as it is written (REQ-RUN-4: output is seen during
/// long cells, not only in the saved notebook).
/// </summary>
public sealed class RunProgressWriter(TextWriter writer) : IProgress<NotebookRunEvent>
{
    private readonly object gate = new();

    /// <inheritdoc />
    public void Report(NotebookRunEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            switch (value)
            {
                case NotebookStarted notebook:
                    writer.WriteLine($"[nlce] running {notebook.InputPath}");
                    break;
                case CellStarted started:
                    writer.WriteLine($"[cell {started.Index + 1}/{started.Count}] started");
                    break;
                case CellOutputText text:
                    writer.Write(text.Text);
                    break;
                case CellFinished finished:
                    writer.WriteLine($"[cell {finished.Index + 1}] {Describe(finished.Status)} in {finished.Duration.TotalSeconds:0.00} s");
                    break;
                case RunWarning warning:
                    writer.WriteLine($"[nlce] {warning.Message}");
                    break;
            }
            writer.Flush();
        }
    }

    private static string Describe(CellExecutionStatus status) => status switch
    {
        CellExecutionStatus.Completed => "completed",
        CellExecutionStatus.Failed => "FAILED",
        CellExecutionStatus.TimedOut => "TIMED OUT",
        CellExecutionStatus.Crashed => "CRASHED",
        _ => status.ToString(),
    };
}
