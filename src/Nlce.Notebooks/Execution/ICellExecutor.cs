using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// Runs a notebook's cells one after the other with state carried between them. The runner drives one through a
/// notebook; a Jupyter kernel would drive one per <c>execute_request</c>.
/// </summary>
public interface ICellExecutor : IAsyncDisposable
{
    /// <summary>
    /// Runs <paramref name="source"/>; stream text is also passed to <paramref name="liveStream"/> as it is written.
    /// A cell still running after <paramref name="timeout"/> is interrupted and reported as
    /// <see cref="CellExecutionStatus.TimedOut"/>.
    /// </summary>
    Task<CellExecutionResult> ExecuteAsync(string source, Action<OutputStreamName, string>? liveStream, TimeSpan? timeout, CancellationToken cancellationToken);
}
