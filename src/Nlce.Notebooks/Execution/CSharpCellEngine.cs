using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Nlce.Charts;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// Executes C# cells in order with Roslyn scripting (research notes §6), carrying state from cell to cell: the first
/// cell is compiled as a script and each later one continues the previous state, as .NET Interactive's C# kernel does.
/// While the engine exists, <see cref="Console.Out"/> and <see cref="Console.Error"/> are captured into the running
/// cell's outputs. One engine per process: Roslyn cannot unload submissions, so memory is returned only when the
/// process ends, which is why the runner starts a worker process per notebook. The engine knows nothing about files
/// or notebooks, so a Jupyter kernel can drive it one <c>execute_request</c> at a time.
/// </summary>
public sealed class CSharpCellEngine : IDisposable
{
    /// <summary>The default imports of .NET Interactive's C# kernel, so cells that compile there compile here.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private readonly CellEngineOptions options;
    private readonly ScriptOptions scriptOptions;
    private readonly IReadOnlySet<string> hostAssemblyNames;
    private readonly InteractiveAssemblyLoader assemblyLoader = new();
    private readonly NotebookGlobals globals = new();
    private readonly TextWriter originalOut;
    private readonly TextWriter originalError;
    private volatile CellOutputCollector? current;
    private ScriptState<object?>? state;
    private int executionCount;
    private bool disposed;

    public CSharpCellEngine(CellEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        hostAssemblyNames = new HashSet<string>(ScriptReferences.CarriedAssemblyNames, StringComparer.OrdinalIgnoreCase);
        scriptOptions = ScriptOptions.Default
            .WithReferences(ScriptReferences.Create())
            .WithImports(DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithAllowUnsafe(true)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(options.WorkingDirectory))
            .WithSourceResolver(new SourceFileResolver([], options.WorkingDirectory));
        NotebookFormatters.Register();
        originalOut = Console.Out;
        originalError = Console.Error;
        Console.SetOut(new CellConsoleWriter(OutputStreamName.Stdout, () => current));
        Console.SetError(new CellConsoleWriter(OutputStreamName.Stderr, () => current));
    }

    /// <summary>
    /// Compiles (without running) a trivial submission, so Roslyn's compiler pipeline and the references are loaded
    /// before the first cell: its time limit then measures the cell, not the engine's start-up.
    /// </summary>
    public void WarmUp()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CSharpScript.Create<object?>("System.Console.Out", scriptOptions, typeof(NotebookGlobals), assemblyLoader).Compile();
    }

    /// <summary>The execution count of the last C# cell run (0 before the first).</summary>
    public int ExecutionCount => executionCount;

    /// <summary>
    /// Runs one cell's source. Compile errors and exceptions become an error output with status
    /// <see cref="CellExecutionStatus.Failed"/>; a cell for another kernel is skipped with a note. Cancellation is
    /// cooperative (Roslyn checks the token between statements); a hard time limit needs the worker process.
    /// </summary>
    public async Task<CellExecutionResult> ExecuteAsync(string source, Action<OutputStreamName, string>? liveStream = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(source);
        var collector = new CellOutputCollector(options.StreamLimits, liveStream);
        PreparedCell prepared;
        try
        {
            prepared = PreparedCell.Prepare(source, hostAssemblyNames);
        }
        catch (CellDirectiveException e)
        {
            var count = ++executionCount;
            return Finish(collector, CellExecutionStatus.Failed, count, extra: new ErrorOutput("DirectiveError", e.Message, [e.Message]));
        }
        if (prepared.KernelSelector is { } kernel && !PolyglotMetadata.IsCSharp(kernel))
            return SkipForKernel(kernel);

        var executionNumber = ++executionCount;
        foreach (var note in prepared.Notes)
            collector.WriteStream(OutputStreamName.Stderr, note + "\n");
        current = collector;
        HeadlessDisplayContext.Enter(collector);
        var watch = Stopwatch.StartNew();
        try
        {
            Exception? thrown = null;
            var next = state is null
                ? await CSharpScript.Create<object?>(prepared.Code, scriptOptions, typeof(NotebookGlobals), assemblyLoader)
                    .RunAsync(globals, e => { thrown = e; return true; }, cancellationToken).ConfigureAwait(false)
                : await state.ContinueWithAsync<object?>(prepared.Code, scriptOptions, e => { thrown = e; return true; }, cancellationToken)
                    .ConfigureAwait(false);
            state = next;
            if (thrown is not null)
                return Finish(collector, CellExecutionStatus.Failed, executionNumber, extra: ErrorFromException(thrown));
            if (prepared.Timed)
                collector.AddDisplay(MimeBundle.Of(MimeBundle.PlainText, $"Wall time: {watch.Elapsed.TotalMilliseconds:0.#}ms"));
            ExecuteResultOutput? result = null;
            if (SubmissionResult.HasValue(next.Script))
                result = new ExecuteResultOutput(MimeBundleFormatter.Format(next.ReturnValue, []), executionNumber);
            return Finish(collector, CellExecutionStatus.Completed, executionNumber, extra: result);
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(FormatDiagnostic).ToList();
            return Finish(collector, CellExecutionStatus.Failed, executionNumber,
                extra: new ErrorOutput("CompilationError", string.Join("\n", errors), errors));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Finish(collector, CellExecutionStatus.Failed, executionNumber, extra: ErrorFromException(e));
        }
        finally
        {
            current = null;
            HeadlessDisplayContext.Enter(null);
        }
    }

    /// <summary>Restores the console writers.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        Console.SetOut(originalOut);
        Console.SetError(originalError);
        assemblyLoader.Dispose();
    }

    /// <summary>Builds the error output for an exception thrown by cell code (traceback without Roslyn's frames).</summary>
    public static ErrorOutput ErrorFromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var traceback = exception.ToString().Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !line.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                           && !line.Contains("System.Runtime.CompilerServices.", StringComparison.Ordinal)
                           && !line.Contains("--- End of stack trace from previous location ---", StringComparison.Ordinal))
            .ToList();
        return new ErrorOutput(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, traceback);
    }

    private static CellExecutionResult SkipForKernel(string kernel) => new(
        CellExecutionStatus.Completed,
        [new StreamOutput(OutputStreamName.Stdout, $"[nlce: skipped this #!{kernel} cell; the headless runner executes C# cells only]\n")],
        null);

    private static CellExecutionResult Finish(CellOutputCollector collector, CellExecutionStatus status, int count, CellOutput? extra)
    {
        var outputs = collector.Snapshot().ToList();
        if (extra is not null)
            outputs.Add(extra);
        return new CellExecutionResult(status, outputs, count);
    }

    private static string FormatDiagnostic(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return diagnostic.Location.IsInSource
            ? $"({position.Line + 1},{position.Character + 1}): error {diagnostic.Id}: {diagnostic.GetMessage()}"
            : $"error {diagnostic.Id}: {diagnostic.GetMessage()}";
    }
}
