using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Worker;

namespace Nlce.Notebooks.Running;

/// <summary>Starts the executor for one notebook run (in <paramref name="workingDirectory"/>, the notebook's folder).</summary>
public delegate Task<ICellExecutor> CellExecutorFactory(string workingDirectory, StreamLimits limits, CancellationToken cancellationToken);

/// <summary>
/// The executor the runner uses by default. Tests pass their own <see cref="CellExecutorFactory"/>; a Jupyter kernel
/// would drive a <see cref="CSharpCellEngine"/> directly instead.
/// </summary>
public static class CellExecutors
{
    /// <summary>How long a worker process may take to start its engine.</summary>
    public static readonly TimeSpan DefaultWorkerStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A worker process per run (the default): hard time limits, crash detection, memory returned afterwards.</summary>
    public static CellExecutorFactory WorkerProcess(TimeSpan? startTimeout = null) =>
        async (directory, limits, token) =>
            await WorkerCellExecutor.StartAsync(directory, limits, startTimeout ?? DefaultWorkerStartTimeout, token).ConfigureAwait(false);
}
