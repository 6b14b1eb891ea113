using System.Diagnostics;
using System.Text.Json.Nodes;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;
using Nlce.Notebooks.Parameters;
using Nlce.Notebooks.Running;

namespace Nlce.Notebooks.Tests.Running;

/// <summary>A notebook whose cell 3 of 5 throws, run once in a worker and checked from several sides.</summary>
public sealed class FailedRunFixture : IDisposable
{
    private readonly TempFolder folder = new();

    public FailedRunFixture()
    {
        var input = TestNotebooks.Write(folder, "fails.ipynb",
            TestNotebooks.Markdown("# Fails in cell 3"),
            "var ready = 1;\nConsole.WriteLine(\"cell 1 ran\");",
            "Console.WriteLine(\"cell 2 ran\");",
            "Console.WriteLine(\"about to fail\");\nthrow new InvalidOperationException(\"sweep diverged\");",
            "Console.WriteLine(\"never\");");
        OutputPath = folder.File("fails.out.ipynb");
        Result = new NotebookRunner().RunAsync(new NotebookRunOptions(input, OutputPath)).GetAwaiter().GetResult();
        Json = File.ReadAllText(OutputPath);
        Summary = JsonNode.Parse(File.ReadAllText(folder.File("run-summary.json")))!;
    }

    public string OutputPath { get; }
    public NotebookRunResult Result { get; }
    public string Json { get; }
    public JsonNode Summary { get; }

    public void Dispose() => folder.Dispose();
}

public sealed class NotebookRunnerFailureTests(FailedRunFixture run) : IClassFixture<FailedRunFixture>
{
    private NotebookDocument Output => NotebookDocument.Parse(run.Json, run.OutputPath);

    [Fact]
    public void Exit_code_and_message_name_the_failing_cell()
    {
        Assert.Equal(NotebookExitCode.CellFailed, run.Result.ExitCode);
        Assert.Equal(3, run.Result.FailedCell!.Index);
        Assert.Equal(3, run.Result.FailedCell.ExecutionCount);
        Assert.Equal("System.InvalidOperationException", run.Result.FailedCell.ErrorName);
        Assert.Contains("cell 3 (In [3]) failed: System.InvalidOperationException: sweep diverged", run.Result.Message);
    }

    [Fact]
    public void Banner_and_anchor_cells_mark_the_failure()
    {
        var cells = Output.Cells;
        Assert.Equal(7, cells.Count);
        Assert.True(cells[0].HasTag(PapermillErrorCells.Tag));
        Assert.Contains("href=\"#papermill-error-cell\">In [3]</a>", cells[0].Source);
        Assert.True(cells[4].HasTag(PapermillErrorCells.Tag));
        Assert.Contains("id=\"papermill-error-cell\"", cells[4].Source);
        Assert.Equal(5, run.Result.FailedCell!.OutputIndex);
    }

    [Fact]
    public void Failing_cell_keeps_its_output_and_the_error_and_later_cells_stay_pending()
    {
        var failing = Output.Cells[5];
        var outputs = failing.ReadOutputs(run.OutputPath, 5);
        Assert.Equal("about to fail\n", Assert.IsType<StreamOutput>(outputs[0]).Text);
        Assert.Equal("sweep diverged", Assert.IsType<ErrorOutput>(outputs[1]).ErrorValue);
        Assert.Equal(PapermillMetadata.Failed, PapermillMetadata.StatusOf(failing));
        Assert.True(failing.Metadata["papermill"]!["exception"]!.GetValue<bool>());
        var last = Output.Cells[6];
        Assert.Equal(PapermillMetadata.Pending, PapermillMetadata.StatusOf(last));
        Assert.Empty(last.ReadOutputs(run.OutputPath, 6));
        Assert.Null(last.ExecutionCount);
        Assert.True(Output.Metadata["papermill"]!["exception"]!.GetValue<bool>());
    }

    [Fact]
    public void Failed_notebook_still_parses_and_validates() =>
        Assert.Empty(NbformatSchema.Errors(run.Json));

    [Fact]
    public void Summary_records_the_failing_cell()
    {
        Assert.Equal("cell_failed", run.Summary["status"]!.GetValue<string>());
        Assert.Equal(1, run.Summary["exit_code"]!.GetValue<int>());
        Assert.Equal("sweep diverged", run.Summary["failing_cell"]!["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void A_rerun_replaces_the_error_cells()
    {
        var notebook = Output;
        PapermillErrorCells.Remove(notebook);
        Assert.Equal(5, notebook.Cells.Count);
        Assert.DoesNotContain(notebook.Cells, c => c.HasTag(PapermillErrorCells.Tag));
    }
}

public sealed class NotebookRunnerTimeoutAndCrashTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_cell_past_its_time_limit_is_interrupted_and_exits_with_the_timeout_code()
    {
        var input = TestNotebooks.Write(folder, "hang.ipynb",
            "Console.WriteLine(\"spinning\");\nwhile (true) { }",
            "Console.WriteLine(\"never\");");
        var watch = Stopwatch.StartNew();
        var result = await new NotebookRunner().RunAsync(new NotebookRunOptions(input, folder.File("hang.out.ipynb"), cellTimeout: TimeSpan.FromSeconds(5)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"took {watch.Elapsed}");
        Assert.Equal(NotebookExitCode.CellTimedOut, result.ExitCode);
        var output = NotebookDocument.Load(folder.File("hang.out.ipynb"));
        var outputs = output.Cells[2].ReadOutputs("hang", 2);
        Assert.Equal("spinning\n", Assert.IsType<StreamOutput>(outputs[0]).Text);
        Assert.Equal("CellTimeoutError", Assert.IsType<ErrorOutput>(outputs[1]).ErrorName);
        Assert.Equal(PapermillMetadata.Pending, PapermillMetadata.StatusOf(output.Cells[3]));
    }

    [Fact]
    public async Task A_cell_that_exits_the_process_is_reported_as_a_crash()
    {
        var input = TestNotebooks.Write(folder, "exit.ipynb",
            "Console.WriteLine(\"bye\");\nEnvironment.Exit(3);",
            "1");
        var result = await new NotebookRunner().RunAsync(new NotebookRunOptions(input, folder.File("exit.out.ipynb")));
        Assert.Equal(NotebookExitCode.ExecutionCrashed, result.ExitCode);
        var output = NotebookDocument.Load(folder.File("exit.out.ipynb"));
        var error = output.Cells[2].ReadOutputs("exit", 2).OfType<ErrorOutput>().Single();
        Assert.Equal("WorkerCrashed", error.ErrorName);
        Assert.Contains("exit code 3", error.ErrorValue);
        Assert.Empty(NbformatSchema.Errors(output.ToJson()));
    }

    [Theory]
    [InlineData("missing", "file not found")]
    [InlineData("unknown-parameter", "parameter 'nosuch': is not declared")]
    [InlineData("bad-json", "is not valid JSON")]
    public async Task Invalid_input_runs_nothing_and_exits_with_the_input_code(string kind, string expected)
    {
        var input = folder.File("in.ipynb");
        IReadOnlyList<NotebookParameter> parameters = [];
        switch (kind)
        {
            case "unknown-parameter":
                input = TestNotebooks.Write(folder, "in.ipynb", TestNotebooks.Parameters("int epochs = 1;"));
                parameters = [new NotebookParameter("nosuch", new IntegerValue(1))];
                break;
            case "bad-json":
                File.WriteAllText(input, "{ not json");
                break;
        }
        var executorStarted = false;
        var runner = new NotebookRunner((_, _, _) =>
        {
            executorStarted = true;
            throw new InvalidOperationException("no executor should start");
        });
        var result = await runner.RunAsync(new NotebookRunOptions(input, folder.File("out.ipynb"), parameters));
        Assert.Equal(NotebookExitCode.InvalidInput, result.ExitCode);
        Assert.Contains(expected, result.Message);
        Assert.False(executorStarted);
        Assert.False(File.Exists(folder.File("out.ipynb")));
        Assert.Equal("invalid_input", JsonNode.Parse(File.ReadAllText(folder.File("run-summary.json")))!["status"]!.GetValue<string>());
    }
}
