using System.IO.Pipes;
using System.Text;
using Nlce.Notebooks.Execution;

namespace Nlce.Notebooks.Worker;

/// <summary>
/// The worker process: connects to the runner's pipe, starts one <see cref="CSharpCellEngine"/>, and executes cells
/// as they arrive until told to shut down or the pipe closes. One worker per notebook run, so Roslyn's submission
/// assemblies (which cannot be unloaded) go away with the process and a runaway cell can be stopped by killing it.
/// Arguments: <c>worker PIPE WORKING_DIRECTORY HEAD_CHARACTERS TAIL_CHARACTERS</c>.
/// </summary>
public static class WorkerProgram
{
    /// <summary>The first argument that selects worker mode.</summary>
    public const string Verb = "worker";

    /// <summary>Runs the worker loop; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Count != 5 || args[0] != Verb || !int.TryParse(args[3], out var head) || !int.TryParse(args[4], out var tail))
        {
            await Console.Error.WriteLineAsync("usage: Nlce.Notebooks worker PIPE WORKING_DIRECTORY HEAD_CHARACTERS TAIL_CHARACTERS").ConfigureAwait(false);
            return 2;
        }
        await using var pipe = new NamedPipeClientStream(".", args[1], PipeDirection.InOut, PipeOptions.Asynchronous);
        await pipe.ConnectAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        using var reader = new StreamReader(pipe, new UTF8Encoding(false), false, leaveOpen: true);
        await using var writer = new StreamWriter(pipe, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        var sendLock = new object();
        void Send(string line)
        {
            lock (sendLock)
            {
                writer.WriteLine(line);
            }
        }

        using var engine = new CSharpCellEngine(new CellEngineOptions(args[2], new StreamLimits(head, tail)));
        engine.WarmUp();
        Send(WorkerMessages.Ready());
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var message = WorkerMessages.Parse(line);
            switch (WorkerMessages.TypeOf(message))
            {
                case "execute":
                    var result = await engine.ExecuteAsync(message["code"]!.GetValue<string>(),
                        (name, text) => Send(WorkerMessages.Stream(name, text))).ConfigureAwait(false);
                    Send(WorkerMessages.Result(result));
                    break;
                case "shutdown":
                    return 0;
                default:
                    throw new InvalidDataException($"unknown protocol message '{WorkerMessages.TypeOf(message)}'");
            }
        }
        return 0;
    }
}
