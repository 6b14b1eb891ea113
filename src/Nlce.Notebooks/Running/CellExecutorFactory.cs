using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Worker;

namespace Nlce.Notebooks.Running;

/// <summary>Starts the executor for one notebook run (in <paramref name="workingDirectory"/>, the notebook's folder).</summary>
public delegate Task<ICellExecutor> CellExecutorFactory(string workingDirectory, StreamLimits limits, CancellationToken cancellationToken);

/// <summary>The executors a runner can use.</summary>
public static class CellExecutors
{
    /// <summary>How long a worker process may take to start its engine.</summary>
    public static readonly TimeSpan DefaultWorkerStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A worker process per run (the default): hard time limits, crash detection, memory returned afterwards.</summary>
    public static CellExecutorFactory WorkerProcess(TimeSpan? startTimeout = null) =>
        async (directory, limits, token) =>
            await WorkerCellExecutor.StartAsync(directory, limits, startTimeout ?? DefaultWorkerStartTimeout, token).ConfigureAwait(false);

    /// <summary>In the calling process (cooperative time limits only).</summary>
    public static CellExecutorFactory InProcess() =>
        (directory, limits, _) => Task.FromResult<ICellExecutor>(new InProcessCellExecutor(new CellEngineOptions(directory, limits)));
}
