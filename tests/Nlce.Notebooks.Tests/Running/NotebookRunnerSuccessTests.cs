using System.Text.Json.Nodes;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;
using Nlce.Notebooks.Parameters;
using Nlce.Notebooks.Running;

namespace Nlce.Notebooks.Tests.Running;

/// <summary>One full run in a worker process, shared by the tests that check it from several sides.</summary>
public sealed class SuccessfulRunFixture : IDisposable
{
    public const string Hostile = "\"; System.Environment.Exit(3); //";
    private readonly TempFolder folder = new();

    public SuccessfulRunFixture()
    {
        var input = TestNotebooks.Write(folder, "in.ipynb",
            TestNotebooks.Markdown("# Smoke notebook"),
            TestNotebooks.Parameters("string name = \"default\";\ndouble epsilon = 1.0;\nint[] sizes = new[] { 1 };\nstring profile = \"paper\";"),
            "Console.WriteLine($\"{name}|{epsilon / 2}|{sizes.Sum()}|{profile}\");\nfor (var i = 1; i <= 10000; i++) Console.Write($\"\\rstep {i}\");\nConsole.WriteLine();",
            "display(new Nlce.Data.MaskData(2, 2, new byte[] { 0, 1, 1, 0 }));\n\"<i>ok</i>\".DisplayAs(\"text/html\");\nname.Length");
        var options = new NotebookRunOptions(input, folder.File("out/out.ipynb"),
            [new NotebookParameter("name", new StringValue(Hostile)), new NotebookParameter("epsilon", new IntegerValue(8)), new NotebookParameter("sizes", new ArrayValue([new IntegerValue(2), new IntegerValue(3)]))],
            RunProfile.Smoke, cellTimeout: TimeSpan.FromSeconds(120));
        Result = new NotebookRunner().RunAsync(options, new SynchronousProgress(Events.Add)).GetAwaiter().GetResult();
        Output = NotebookDocument.Load(options.OutputPath);
        SummaryJson = File.ReadAllText(folder.File("out/run-summary.json"));
    }

    public NotebookRunResult Result { get; }
    public NotebookDocument Output { get; }
    public string SummaryJson { get; }
    public List<NotebookRunEvent> Events { get; } = [];

    public void Dispose() => folder.Dispose();

    /// <summary>Reports on the calling thread, so the events are complete when the run returns.</summary>
    private sealed class SynchronousProgress(Action<NotebookRunEvent> report) : IProgress<NotebookRunEvent>
    {
        private readonly object gate = new();

        public void Report(NotebookRunEvent value)
        {
            lock (gate)
                report(value);
        }
    }
}

public sealed class NotebookRunnerSuccessTests(SuccessfulRunFixture run) : IClassFixture<SuccessfulRunFixture>
{
    private const string Hostile = SuccessfulRunFixture.Hostile;
    private NotebookRunResult result => run.Result;
    private NotebookDocument output => run.Output;
    private List<NotebookRunEvent> events => run.Events;

    [Fact]
    public void Run_succeeds_with_exit_code_zero()
    {
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(NotebookExitCode.Success, result.ExitCode);
        Assert.Null(result.FailedCell);
    }

    [Fact]
    public void Parameters_arrive_typed_and_a_hostile_string_stays_a_string()
    {
        var injected = output.Cells[2];
        Assert.True(injected.HasTag(NotebookCell.InjectedParametersTag));
        Assert.Contains("double epsilon = 8.0;", injected.Source);
        Assert.Contains("int[] sizes = new int[] { 2, 3 };", injected.Source);
        var stdout = Assert.IsType<StreamOutput>(output.Cells[3].ReadOutputs("out", 3)[0]);
        Assert.Equal($"{Hostile}|4|5|smoke\nstep 10000\n", stdout.Text);
        var length = output.Cells[4].ReadOutputs("out", 4).OfType<ExecuteResultOutput>().Single();
        Assert.Equal(Hostile.Length.ToString(), length.Data[MimeBundle.PlainText]);
    }

    [Fact]
    public void Outputs_of_each_mime_type_are_saved()
    {
        var outputs = output.Cells[4].ReadOutputs("out", 4);
        Assert.StartsWith("iVBORw0KGgo", Assert.IsType<DisplayDataOutput>(outputs[0]).Data[MimeBundle.Png]);
        Assert.Equal("<i>ok</i>", Assert.IsType<DisplayDataOutput>(outputs[1]).Data[MimeBundle.Html]);
        Assert.Equal(output.Cells[4].ExecutionCount, Assert.IsType<ExecuteResultOutput>(outputs[2]).ExecutionCount);
    }

    [Fact]
    public void Papermill_metadata_is_stamped_on_notebook_and_cells()
    {
        var papermill = output.Metadata["papermill"]!;
        Assert.Equal(Hostile, papermill["parameters"]!["name"]!.GetValue<string>());
        Assert.Equal(8, papermill["parameters"]!["epsilon"]!.GetValue<long>());
        Assert.EndsWith("in.ipynb", papermill["input_path"]!.GetValue<string>());
        Assert.NotNull(papermill["end_time"]);
        Assert.Null(papermill["exception"]);
        Assert.All(output.Cells, c => Assert.Equal(PapermillMetadata.Completed, PapermillMetadata.StatusOf(c)));
        Assert.All(output.Cells, c => Assert.True(c.Metadata["papermill"]!["duration"]!.GetValue<double>() >= 0));
        Assert.Equal([1, 2, 3, 4], output.Cells.Where(c => c.CellType == NotebookCellType.Code).Select(c => c.ExecutionCount ?? 0));
    }

    [Fact]
    public void Output_notebook_validates_against_the_nbformat_4_5_schema() =>
        Assert.Empty(NbformatSchema.Errors(output.ToJson()));

    [Fact]
    public void Run_summary_is_written_beside_the_output()
    {
        var summary = JsonNode.Parse(run.SummaryJson)!;
        Assert.Equal("completed", summary["status"]!.GetValue<string>());
        Assert.Equal(0, summary["exit_code"]!.GetValue<int>());
        Assert.Equal("smoke", summary["profile"]!.GetValue<string>());
        Assert.Equal(5, summary["cells"]!.AsArray().Count);
    }

    [Fact]
    public void Progress_reports_every_cell_and_live_text()
    {
        Assert.Equal(5, events.OfType<CellStarted>().Count());
        Assert.Equal(5, events.OfType<CellFinished>().Count());
        Assert.Contains(events.OfType<CellOutputText>(), e => e.Index == 3 && e.Text.Contains("step 10000"));
    }

}
