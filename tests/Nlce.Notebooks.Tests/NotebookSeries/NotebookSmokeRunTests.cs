using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;
using Nlce.Notebooks.Parameters;
using Nlce.Notebooks.Running;
using Xunit.Abstractions;

namespace Nlce.Notebooks.Tests.NotebookSeries;

/// <summary>
/// One temporary cache folder for all smoke runs, as a reader's cache is shared by the whole series: the first notebook that
/// needs a model trains it, the later ones load its checkpoint in their own process, so both paths are exercised.
/// </summary>
public sealed class SmokeRunCache : IDisposable
{
    private readonly TempFolder folder = new();

    public string Path => folder.File("cache");

    public void Dispose() => folder.Dispose();
}

/// <summary>
/// Runs every notebook in <c>notebooks/</c> headlessly with the smoke profile through <see cref="NotebookRunner"/> (issue 7:
/// "runs every notebook with the smoke profile and fails on any error output"), each in its own worker process, all with
/// one temporary cache folder (<see cref="SmokeRunCache"/>). A run fails the test when it does not exit with success, when any
/// cell carries an error output or writes to stderr, when the runner warns (e.g. the notebook declares no <c>profile</c>),
/// or when no cell displayed anything.
/// </summary>
public sealed class NotebookSmokeRunTests(SmokeRunCache cache, ITestOutputHelper output) : IClassFixture<SmokeRunCache>
{
    /// <summary>Generous per-cell limit: a smoke cell takes seconds, but CI machines can be slow and shared.</summary>
    private static readonly TimeSpan CellLimit = TimeSpan.FromMinutes(5);

    public static TheoryData<string> Notebooks() => NotebookFolder.All();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_clean_in_the_smoke_profile(string name)
    {
        using var folder = new TempFolder();
        var options = new NotebookRunOptions(Path.Combine(NotebookFolder.Path, name), folder.File("out/" + name),
            [new NotebookParameter("cacheDir", new StringValue(cache.Path))], RunProfile.Smoke, cellTimeout: CellLimit);

        var result = await new NotebookRunner().RunAsync(options);

        output.WriteLine($"{name}: {result.ExitCode} in {result.Duration.TotalSeconds:F1} s — {result.Message}");
        foreach (var warning in result.Warnings)
            output.WriteLine($"warning: {warning}");
        var executed = NotebookDocument.Load(options.OutputPath);
        var problems = Problems(executed, options.OutputPath).ToList();
        Assert.True(result.Succeeded, $"{name} exited with {result.ExitCode}: {result.Message}\n{string.Join("\n", problems)}");
        Assert.True(problems.Count == 0, $"{name}:\n{string.Join("\n", problems)}");
        Assert.Empty(result.Warnings);
        Assert.True(HasDisplayedSomething(executed, options.OutputPath), $"{name} ran but displayed no chart, image or table.");
    }

    /// <summary>Every error output and every stderr stream of the executed notebook, described.</summary>
    private static IEnumerable<string> Problems(NotebookDocument executed, string path)
    {
        for (var index = 0; index < executed.Cells.Count; index++)
        {
            foreach (var cellOutput in executed.Cells[index].ReadOutputs(path, index))
            {
                switch (cellOutput)
                {
                    case ErrorOutput error:
                        yield return $"cell {index}: {error.ErrorName}: {error.ErrorValue}";
                        break;
                    case StreamOutput { Name: OutputStreamName.Stderr } stream:
                        yield return $"cell {index} wrote to stderr: {stream.Text}";
                        break;
                }
            }
        }
    }

    private static bool HasDisplayedSomething(NotebookDocument executed, string path) =>
        executed.Cells.Select((cell, index) => cell.ReadOutputs(path, index)).SelectMany(o => o)
            .Any(o => o is DisplayDataOutput or ExecuteResultOutput);
}
