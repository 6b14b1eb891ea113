using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Worker;

/// <summary>
/// Executes cells in a separate worker process (<see cref="WorkerProgram"/>), which gives the runner what it cannot
/// get in-process: a per-cell time limit that really stops the cell (the worker is killed), detection of a cell that
/// crashes or exits the process, and memory returned after the notebook. Output written before a timeout or crash
/// is kept, from the live stream messages.
/// </summary>
public sealed class WorkerCellExecutor : ICellExecutor
{
    private const int DiagnosticTailCharacters = 4000;

    private readonly Process process;
    private readonly NamedPipeServerStream pipe;
    private readonly StreamReader reader;
    private readonly StreamWriter writer;
    private readonly StreamLimits limits;
    private readonly ProcessOutputTail processLog;
    private bool dead;

    private WorkerCellExecutor(Process process, NamedPipeServerStream pipe, StreamLimits limits, ProcessOutputTail processLog)
    {
        this.process = process;
        this.pipe = pipe;
        this.limits = limits;
        this.processLog = processLog;
        reader = new StreamReader(pipe, new UTF8Encoding(false), false, leaveOpen: true);
        writer = new StreamWriter(pipe, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
    }

    /// <summary>Starts a worker for a notebook in <paramref name="workingDirectory"/> and waits until its engine is ready.</summary>
    public static async Task<WorkerCellExecutor> StartAsync(string workingDirectory, StreamLimits limits, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var pipeName = "nlce-" + Guid.NewGuid().ToString("N")[..16];
        var pipe = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        Process? process = null;
        try
        {
            process = Process.Start(WorkerLaunch.Create(pipeName, workingDirectory, limits))
                ?? throw new InvalidOperationException("the worker process did not start.");
            process.StandardInput.Close();
            var log = new ProcessOutputTail(process, DiagnosticTailCharacters);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(startTimeout);
            var exited = process.WaitForExitAsync(timeout.Token);
            var connected = pipe.WaitForConnectionAsync(timeout.Token);
            await Task.WhenAny(connected, exited).ConfigureAwait(false);
            if (!connected.IsCompletedSuccessfully)
            {
                await connected.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                timeout.Token.ThrowIfCancellationRequested();
                throw StartFailure(process, log, "did not connect");
            }
            var executor = new WorkerCellExecutor(process, pipe, limits, log);
            var ready = await executor.ReadMessageAsync(timeout.Token).ConfigureAwait(false);
            if (ready is null || WorkerMessages.TypeOf(ready) != "ready")
                throw StartFailure(process, log, "did not report ready");
            return executor;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"the notebook worker did not start within {startTimeout.TotalSeconds:0} s.");
        }
        catch
        {
            Kill(process);
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<CellExecutionResult> ExecuteAsync(string source, Action<OutputStreamName, string>? liveStream, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (dead)
            throw new InvalidOperationException("the worker process has ended; start a new executor.");
        var partial = new CellOutputCollector(limits);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
            limit.CancelAfter(t);
        try
        {
            await writer.WriteLineAsync(WorkerMessages.Execute(source).AsMemory(), limit.Token).ConfigureAwait(false);
            while (true)
            {
                var message = await ReadMessageAsync(limit.Token).ConfigureAwait(false);
                if (message is null)
                    return await CrashedAsync(partial).ConfigureAwait(false);
                switch (WorkerMessages.TypeOf(message))
                {
                    case "stream":
                        var name = message["name"]!.GetValue<string>() == "stderr" ? OutputStreamName.Stderr : OutputStreamName.Stdout;
                        var text = message["text"]!.GetValue<string>();
                        partial.WriteStream(name, text);
                        liveStream?.Invoke(name, text);
                        break;
                    case "result":
                        return WorkerMessages.ReadResult(message);
                    default:
                        throw new InvalidDataException($"unexpected worker message '{WorkerMessages.TypeOf(message)}'.");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout is not null)
        {
            Stop();
            return new CellExecutionResult(CellExecutionStatus.TimedOut, [.. partial.Snapshot(), CellTimeouts.Error(timeout.Value)], null);
        }
        catch (OperationCanceledException)
        {
            Stop();
            const string message = "the run was cancelled and the worker process was stopped";
            return new CellExecutionResult(CellExecutionStatus.Crashed,
                [.. partial.Snapshot(), new ErrorOutput("RunCancelled", message, [$"RunCancelled: {message}"])], null);
        }
        catch (IOException)
        {
            return await CrashedAsync(partial).ConfigureAwait(false);
        }
    }

    /// <summary>Asks the worker to exit, then makes sure it has.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!dead)
        {
            try
            {
                await writer.WriteLineAsync(WorkerMessages.Shutdown()).ConfigureAwait(false);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The worker is gone or stuck; it is killed below.
            }
        }
        Stop();
        reader.Dispose();
        await writer.DisposeAsync().ConfigureAwait(false);
        await pipe.DisposeAsync().ConfigureAwait(false);
        process.Dispose();
    }

    private async Task<System.Text.Json.Nodes.JsonObject?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return line is null ? null : WorkerMessages.Parse(line);
    }

    private async Task<CellExecutionResult> CrashedAsync(CellOutputCollector partial)
    {
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Still running though the pipe closed: it is killed below.
            }
        }
        var exitCode = process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
        Stop();
        var message = $"the execution process ended while running this cell (exit code {exitCode})";
        var traceback = new List<string> { $"WorkerCrashed: {message}" };
        var log = processLog.Text();
        if (log.Length > 0)
            traceback.AddRange(["worker output (last lines):", .. log.Split('\n')]);
        return new CellExecutionResult(CellExecutionStatus.Crashed, [.. partial.Snapshot(), new ErrorOutput("WorkerCrashed", message, traceback)], null);
    }

    private static InvalidOperationException StartFailure(Process process, ProcessOutputTail log, string what)
    {
        var exit = process.HasExited ? $" (exit code {process.ExitCode})" : "";
        return new InvalidOperationException($"the notebook worker {what}{exit}. Worker output:\n{log.Text()}");
    }

    private void Stop()
    {
        dead = true;
        Kill(process);
    }

    private static void Kill(Process? process)
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
