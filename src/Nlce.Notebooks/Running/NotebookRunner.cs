using Nlce.Data;
using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;
using Nlce.Notebooks.Parameters;

namespace Nlce.Notebooks.Running;

/// <summary>
/// Runs one notebook headlessly, papermill-style (research notes §3; papermill's execute/engines split): load,
/// inject parameters, stamp metadata, execute the code cells in order in one executor (a worker process by default),
/// save the output notebook atomically after every cell so a killed run leaves a valid notebook showing how far it
/// got, and on the first failing cell stop, keep its error output, leave later cells pending, add the error banner
/// and report which cell failed. A <c>run-summary.json</c> is written beside the output.
/// </summary>
public sealed class NotebookRunner
{
    private readonly CellExecutorFactory executorFactory;
    private readonly TimeProvider clock;

    public NotebookRunner(CellExecutorFactory? executorFactory = null, TimeProvider? clock = null)
    {
        this.executorFactory = executorFactory ?? CellExecutors.WorkerProcess();
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>Runs the notebook described by <paramref name="options"/>. Invalid input gives <see cref="NotebookExitCode.InvalidInput"/>.</summary>
    public async Task<NotebookRunResult> RunAsync(NotebookRunOptions options, IProgress<NotebookRunEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = clock.GetUtcNow();
        var warnings = new List<string>();
        void Warn(string message)
        {
            warnings.Add(message);
            progress?.Report(new RunWarning(message));
        }

        NotebookDocument notebook;
        try
        {
            notebook = NotebookDocument.Load(options.InputPath);
            notebook.UpgradeToMinor5();
            PapermillErrorCells.Remove(notebook);
            var parameters = options.Parameters.ToList();
            if (options.Profile is { } profile)
            {
                var name = profile.ToString().ToLowerInvariant();
                if (ParameterInjector.DeclaredParameters(notebook).ContainsKey(NotebookRunOptions.ProfileParameterName))
                    parameters.Add(new NotebookParameter(NotebookRunOptions.ProfileParameterName, new StringValue(name)));
                else
                    Warn($"profile '{name}' was not passed to the notebook: its parameters cell declares no '{NotebookRunOptions.ProfileParameterName}' variable");
            }
            foreach (var warning in ParameterInjector.Inject(notebook, parameters))
                Warn(warning);
            PapermillMetadata.Start(notebook, options.InputPath, options.OutputPath, started);
        }
        catch (Exception e) when (e is DataFormatException or NotebookParameterException)
        {
            return Finish(options, null, NotebookExitCode.InvalidInput, e.Message, null, started, warnings);
        }

        notebook.Save(options.OutputPath);
        var deadline = options.RunTimeout is { } runLimit ? started + runLimit : (DateTimeOffset?)null;
        ICellExecutor? executor = null;
        try
        {
            try
            {
                executor = await executorFactory(Path.GetDirectoryName(options.InputPath)!, options.StreamLimits, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Finish(options, notebook, NotebookExitCode.ExecutionCrashed, $"the execution process could not be started: {e.Message}", null, started, warnings);
            }

            for (var index = 0; index < notebook.Cells.Count; index++)
            {
                var cell = notebook.Cells[index];
                var cellStarted = clock.GetUtcNow();
                progress?.Report(new CellStarted(index, notebook.Cells.Count));
                PapermillMetadata.CellStarted(cell, cellStarted);
                var result = await ExecuteCellAsync(executor, notebook, cell, index, options, deadline, progress, cancellationToken).ConfigureAwait(false);
                var failed = result is not null && result.Status != CellExecutionStatus.Completed;
                PapermillMetadata.CellFinished(cell, cellStarted, clock.GetUtcNow(), failed);
                progress?.Report(new CellFinished(index, result?.Status ?? CellExecutionStatus.Completed, clock.GetUtcNow() - cellStarted));
                if (failed)
                    return FinishFailed(options, notebook, index, result!, started, warnings);
                notebook.Save(options.OutputPath);
            }
        }
        finally
        {
            if (executor is not null)
                await executor.DisposeAsync().ConfigureAwait(false);
        }
        return Finish(options, notebook, NotebookExitCode.Success, $"all {notebook.Cells.Count} cells completed", null, started, warnings);
    }

    private async Task<CellExecutionResult?> ExecuteCellAsync(
        ICellExecutor executor, NotebookDocument notebook, NotebookCell cell, int index, NotebookRunOptions options,
        DateTimeOffset? deadline, IProgress<NotebookRunEvent>? progress, CancellationToken cancellationToken)
    {
        if (cell.CellType != NotebookCellType.Code || string.IsNullOrWhiteSpace(cell.Source))
            return null;
        var kernel = cell.KernelName ?? notebook.DefaultKernelName;
        if (!PolyglotMetadata.IsCSharp(kernel))
        {
            cell.AddOutput(new StreamOutput(OutputStreamName.Stdout, $"[nlce: skipped this {kernel} cell; the headless runner executes C# cells only]\n"));
            return null;
        }
        notebook.Save(options.OutputPath);
        var timeout = options.CellTimeout;
        if (deadline is { } end)
        {
            var remaining = end - clock.GetUtcNow();
            if (remaining < TimeSpan.FromMilliseconds(1))
                remaining = TimeSpan.FromMilliseconds(1);
            timeout = timeout is { } t && t < remaining ? t : remaining;
        }
        var result = await executor.ExecuteAsync(cell.Source, (stream, text) => progress?.Report(new CellOutputText(index, stream, text)),
            timeout, cancellationToken).ConfigureAwait(false);
        cell.ExecutionCount = result.ExecutionCount;
        foreach (var output in result.Outputs)
            cell.AddOutput(output);
        return result;
    }

    private NotebookRunResult FinishFailed(NotebookRunOptions options, NotebookDocument notebook, int index, CellExecutionResult result, DateTimeOffset started, List<string> warnings)
    {
        var error = result.Error;
        var name = error?.ErrorName ?? result.Status.ToString();
        var value = error?.ErrorValue ?? "";
        var outputIndex = PapermillErrorCells.Insert(notebook, index, result.ExecutionCount, $"{name}: {value}");
        var code = result.Status switch
        {
            CellExecutionStatus.TimedOut => NotebookExitCode.CellTimedOut,
            CellExecutionStatus.Crashed => NotebookExitCode.ExecutionCrashed,
            _ => NotebookExitCode.CellFailed,
        };
        var label = result.ExecutionCount is { } n ? $" (In [{n}])" : "";
        var message = $"cell {index}{label} {Describe(result.Status)}: {name}: {value}";
        return Finish(options, notebook, code, message, new FailedCell(index, outputIndex, result.ExecutionCount, name, value), started, warnings);
    }

    private NotebookRunResult Finish(NotebookRunOptions options, NotebookDocument? notebook, NotebookExitCode code, string message,
        FailedCell? failedCell, DateTimeOffset started, List<string> warnings)
    {
        var ended = clock.GetUtcNow();
        if (notebook is not null)
        {
            PapermillMetadata.Finish(notebook, started, ended, code != NotebookExitCode.Success);
            notebook.Save(options.OutputPath);
        }
        var result = new NotebookRunResult(code, message, failedCell, ended - started, notebook is null ? null : options.OutputPath, options.SummaryPath, warnings);
        RunSummary.Write(options.SummaryPath, RunSummary.Build(options, result, notebook, started, ended));
        return result;
    }

    private static string Describe(CellExecutionStatus status) => status switch
    {
        CellExecutionStatus.TimedOut => "timed out",
        CellExecutionStatus.Crashed => "crashed the execution process",
        _ => "failed",
    };
}
