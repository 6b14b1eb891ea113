using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// Runs cells in the calling process with a <see cref="CSharpCellEngine"/>. The time limit is cooperative (the cell's
/// cancellation token is cancelled), so a cell that never yields cannot be stopped: use
/// <see cref="Worker.WorkerCellExecutor"/> where a hard limit matters. Suited to tests and to hosts that own the
/// process, like a kernel.
/// </summary>
public sealed class InProcessCellExecutor(CellEngineOptions options) : ICellExecutor
{
    private readonly CSharpCellEngine engine = new(options);

    /// <inheritdoc />
    public async Task<CellExecutionResult> ExecuteAsync(string source, Action<OutputStreamName, string>? liveStream, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
            limit.CancelAfter(t);
        var result = await engine.ExecuteAsync(source, liveStream, limit.Token).ConfigureAwait(false);
        if (result.Status == CellExecutionStatus.Failed && limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && result.Error?.ErrorName == typeof(OperationCanceledException).FullName)
        {
            var outputs = result.Outputs.Where(o => o is not ErrorOutput).Append(CellTimeouts.Error(timeout!.Value)).ToList();
            return result with { Status = CellExecutionStatus.TimedOut, Outputs = outputs };
        }
        return result;
    }

    public ValueTask DisposeAsync()
    {
        engine.Dispose();
        return ValueTask.CompletedTask;
    }
}
