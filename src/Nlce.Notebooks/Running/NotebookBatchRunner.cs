using System.Text.Json.Nodes;
using Nlce.Notebooks.Export;

namespace Nlce.Notebooks.Running;

/// <summary>What <see cref="NotebookBatchRunner"/> runs: every notebook in a folder, with one profile and limits.</summary>
public sealed record NotebookBatchOptions
{
    public NotebookBatchOptions(string inputFolder, string outputFolder, RunProfile? profile = null, TimeSpan? cellTimeout = null, bool writeHtml = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputFolder);
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        if (cellTimeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(cellTimeout), t, "the cell time limit must be positive.");
        InputFolder = Path.GetFullPath(inputFolder);
        OutputFolder = Path.GetFullPath(outputFolder);
        Profile = profile;
        CellTimeout = cellTimeout;
        WriteHtml = writeHtml;
    }

    public string InputFolder { get; }
    public string OutputFolder { get; }
    public RunProfile? Profile { get; }
    public TimeSpan? CellTimeout { get; }

    /// <summary>Whether to write an HTML report beside each output notebook.</summary>
    public bool WriteHtml { get; }
}

/// <summary>One notebook's outcome in a batch.</summary>
public sealed record NotebookBatchEntry(string InputPath, NotebookRunResult Result);

/// <summary>
/// <c>nlce notebook run-all</c>: runs every <c>*.ipynb</c> in a folder (sorted by name; checkpoints skipped), each in
/// its own worker process, writing <c>OUT/NAME.ipynb</c>, <c>OUT/NAME.run-summary.json</c>, optionally
/// <c>OUT/NAME.html</c>, and an aggregate <c>OUT/run-summary.json</c>. A failing notebook does not stop the batch; the
/// batch's exit code is that of the first notebook that did not succeed.
/// </summary>
public sealed class NotebookBatchRunner(NotebookRunner runner)
{
    /// <summary>Runs the batch.</summary>
    public async Task<(NotebookExitCode ExitCode, IReadOnlyList<NotebookBatchEntry> Entries)> RunAsync(
        NotebookBatchOptions options, IProgress<NotebookRunEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.InputFolder))
            throw new DirectoryNotFoundException($"{options.InputFolder}: folder not found; expected a folder of .ipynb notebooks.");
        var inputs = Directory.GetFiles(options.InputFolder, "*.ipynb")
            .Where(p => !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        if (inputs.Count == 0)
            throw new FileNotFoundException($"{options.InputFolder}: no .ipynb notebooks found.");
        var entries = new List<NotebookBatchEntry>();
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stem = Path.GetFileNameWithoutExtension(input);
            var output = Path.Combine(options.OutputFolder, stem + ".ipynb");
            var runOptions = new NotebookRunOptions(input, output, profile: options.Profile, cellTimeout: options.CellTimeout,
                summaryPath: Path.Combine(options.OutputFolder, stem + ".run-summary.json"));
            progress?.Report(new NotebookStarted(input));
            var result = await runner.RunAsync(runOptions, progress, cancellationToken).ConfigureAwait(false);
            if (options.WriteHtml && result.OutputPath is { } written)
                NotebookHtmlExporter.ExportFile(written, Path.Combine(options.OutputFolder, stem + ".html"));
            entries.Add(new NotebookBatchEntry(input, result));
        }
        var exitCode = entries.Select(e => e.Result.ExitCode).FirstOrDefault(c => c != NotebookExitCode.Success);
        var summary = new JsonObject
        {
            ["status"] = RunSummary.StatusName(exitCode),
            ["exit_code"] = (int)exitCode,
            ["profile"] = options.Profile?.ToString().ToLowerInvariant(),
            ["notebooks"] = new JsonArray(entries.Select(e => (JsonNode?)new JsonObject
            {
                ["input_path"] = e.InputPath,
                ["output_path"] = e.Result.OutputPath,
                ["status"] = RunSummary.StatusName(e.Result.ExitCode),
                ["exit_code"] = (int)e.Result.ExitCode,
                ["message"] = e.Result.Message,
                ["duration_seconds"] = Math.Round(e.Result.Duration.TotalSeconds, 6),
            }).ToArray()),
        };
        RunSummary.Write(Path.Combine(options.OutputFolder, "run-summary.json"), summary);
        return (exitCode, entries);
    }
}
