using System.Text.Json.Nodes;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Running;

namespace Nlce.Notebooks.Tests.Running;

public sealed class NotebookBatchRunnerTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Run_all_runs_each_notebook_and_writes_outputs_summaries_and_reports()
    {
        var notebooks = Path.Combine(folder.Path, "notebooks");
        Directory.CreateDirectory(notebooks);
        File.Move(TestNotebooks.Write(folder, "a.ipynb", TestNotebooks.Parameters("string profile = \"paper\";"), "Console.WriteLine(profile);"), Path.Combine(notebooks, "01-ok.ipynb"));
        File.Move(TestNotebooks.Write(folder, "b.ipynb", "throw new Exception(\"bad\");"), Path.Combine(notebooks, "02-fails.ipynb"));
        var output = Path.Combine(folder.Path, "out");

        var (exitCode, entries) = await new NotebookBatchRunner(new NotebookRunner())
            .RunAsync(new NotebookBatchOptions(notebooks, output, RunProfile.Smoke, TimeSpan.FromSeconds(60), writeHtml: true));

        Assert.Equal(NotebookExitCode.CellFailed, exitCode);
        Assert.Equal([NotebookExitCode.Success, NotebookExitCode.CellFailed], entries.Select(e => e.Result.ExitCode));
        var ok = NotebookDocument.Load(Path.Combine(output, "01-ok.ipynb"));
        Assert.Contains("smoke\\n", ok.ToJson());
        Assert.Contains("<html", File.ReadAllText(Path.Combine(output, "01-ok.html")));
        Assert.True(File.Exists(Path.Combine(output, "02-fails.run-summary.json")));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "run-summary.json")))!;
        Assert.Equal("cell_failed", summary["status"]!.GetValue<string>());
        Assert.Equal(["completed", "cell_failed"], summary["notebooks"]!.AsArray().Select(n => n!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_folder_without_notebooks_is_an_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            new NotebookBatchRunner(new NotebookRunner()).RunAsync(new NotebookBatchOptions(folder.Path, folder.File("out"))));
        Assert.Contains(folder.Path, error.Message);
    }
}
