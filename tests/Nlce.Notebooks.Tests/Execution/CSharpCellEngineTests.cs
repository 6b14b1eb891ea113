using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Tests.Execution;

public class CSharpCellEngineTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    [Fact]
    public void State_carries_from_cell_to_cell_and_a_final_expression_is_an_execute_result()
    {
        Assert.Equal(CellExecutionStatus.Completed, fixture.Run("var carried = 41;").Status);
        var result = fixture.Run("carried + 1");
        var value = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs));
        Assert.Equal("42", value.Data[MimeBundle.PlainText]);
        Assert.Equal(result.ExecutionCount, value.ExecutionCount);
    }

    [Theory]
    [InlineData("Console.WriteLine(\"no result\")")]
    [InlineData("var unused = 3;")]
    [InlineData("carried2 = 5;")]
    public void Statements_and_void_calls_give_no_execute_result(string code)
    {
        fixture.Run("int carried2 = 0;");
        Assert.DoesNotContain(fixture.Run(code).Outputs, o => o is ExecuteResultOutput);
    }

    [Fact]
    public void Stdout_and_stderr_are_captured_per_cell_in_order()
    {
        var result = fixture.Run("Console.WriteLine(\"one\"); Console.Error.WriteLine(\"two\"); Console.Write(\"three\");");
        Assert.Collection(result.Outputs,
            o => Assert.Equal(new StreamOutput(OutputStreamName.Stdout, "one\n"), o),
            o => Assert.Equal(new StreamOutput(OutputStreamName.Stderr, "two\n"), o),
            o => Assert.Equal(new StreamOutput(OutputStreamName.Stdout, "three"), o));
        Assert.Empty(fixture.Run("1 + 1").Outputs.OfType<StreamOutput>());
    }

    [Fact]
    public void Display_helpers_produce_display_data_with_the_asked_mime_types()
    {
        var result = fixture.Run("""
            display("plain");
            "<b>bold</b>".DisplayAs("text/html");
            var shown = display(1, "text/plain");
            shown.Update(2);
            new Nlce.Data.ImageData(2, 1, 1, new float[] { 0f, 1f }).Display();
            """);
        var displays = result.Outputs.Cast<DisplayDataOutput>().ToList();
        Assert.Equal(4, displays.Count);
        Assert.Equal("plain", displays[0].Data[MimeBundle.PlainText]);
        Assert.Equal("<b>bold</b>", displays[1].Data[MimeBundle.Html]);
        Assert.Equal("2", displays[2].Data[MimeBundle.PlainText]);
        Assert.StartsWith("iVBORw0KGgo", displays[3].Data[MimeBundle.Png]);
        Assert.Equal("ImageData 2×1×1", displays[3].Data[MimeBundle.PlainText]);
    }

    [Fact]
    public void Charts_and_data_frames_display_as_html_with_the_plotly_figure()
    {
        var result = fixture.Run("""
            var chart = Nlce.Charts.RobustnessFigures.RobustnessCurves(
                new[] { new Nlce.Charts.RobustnessPoint("NLCEN", 0, 0.9, 0.8), new Nlce.Charts.RobustnessPoint("NLCEN", 8, 0.7, 0.6) },
                Nlce.Charts.SegmentationMetric.Dice);
            chart.Display();
            var frame = new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.DoubleDataFrameColumn("dice", new double[] { 0.5, 0.25 }));
            frame
            """);
        var chart = Assert.IsType<DisplayDataOutput>(result.Outputs[0]);
        Assert.Contains("Plotly.newPlot", chart.Data[MimeBundle.Html]);
        Assert.Contains("\"name\":\"NLCEN\"", chart.Data[MimeBundle.PlotlyJson]);
        Assert.DoesNotContain("cdn.plot.ly", chart.Data[MimeBundle.Html]);
        var frame = Assert.IsType<ExecuteResultOutput>(result.Outputs[1]);
        Assert.Contains("<th>dice</th>", frame.Data[MimeBundle.Html]);
        Assert.Contains("<td>0.25</td>", frame.Data[MimeBundle.Html]);
    }

    [Fact]
    public void Compile_errors_fail_the_cell_with_the_diagnostics()
    {
        var result = fixture.Run("var y = undefinedName + 1;");
        Assert.Equal(CellExecutionStatus.Failed, result.Status);
        var error = Assert.IsType<ErrorOutput>(result.Outputs[^1]);
        Assert.Equal("CompilationError", error.ErrorName);
        Assert.Contains("(1,9): error CS0103", error.ErrorValue);
    }

    [Fact]
    public void Exceptions_fail_the_cell_keeping_earlier_output()
    {
        var result = fixture.Run("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"boom\");");
        Assert.Equal(CellExecutionStatus.Failed, result.Status);
        Assert.Equal(new StreamOutput(OutputStreamName.Stdout, "before\n"), result.Outputs[0]);
        var error = Assert.IsType<ErrorOutput>(result.Outputs[1]);
        Assert.Equal(("System.InvalidOperationException", "boom"), (error.ErrorName, error.ErrorValue));
        Assert.Contains(error.Traceback, line => line.Contains("boom"));
    }

    [Theory]
    [InlineData("#r \"nuget: Plotly.NET\"\n#r \"nuget: TorchSharp-cpu, 0.105.0\"\n#r \"Nlce.dll\"\n1 + 2", CellExecutionStatus.Completed, "3")]
    [InlineData("#!csharp\n#!time\n4 + 5", CellExecutionStatus.Completed, "9")]
    public void Directives_of_the_vscode_first_cell_are_honoured(string code, CellExecutionStatus status, string value)
    {
        var result = fixture.Run(code);
        Assert.Equal(status, result.Status);
        Assert.Equal(value, result.Outputs.OfType<ExecuteResultOutput>().Single().Data[MimeBundle.PlainText]);
    }

    [Fact]
    public void Pinned_versions_of_carried_packages_are_noted_and_time_is_reported()
    {
        var result = fixture.Run("#r \"nuget: TorchSharp-cpu, 0.105.0\"\n#!time\n1");
        Assert.Contains("served by the runner's own TorchSharp", Assert.IsType<StreamOutput>(result.Outputs[0]).Text);
        Assert.StartsWith("Wall time: ", Assert.IsType<DisplayDataOutput>(result.Outputs[1]).Data[MimeBundle.PlainText]);
    }

    [Theory]
    [InlineData("#r \"nuget: Some.Other.Package, 1.2.3\"\n1", "package 'Some.Other.Package' is not carried")]
    [InlineData("#!lsmagic", "not supported by the headless runner")]
    [InlineData("#r nuget:Plotly.NET", "expected #r \"nuget: Package[, Version]\"")]
    public void Unsupported_directives_fail_with_a_clear_error(string code, string expected)
    {
        var result = fixture.Run(code);
        Assert.Equal(CellExecutionStatus.Failed, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("DirectiveError", error.ErrorName);
        Assert.Contains(expected, error.ErrorValue);
    }

    [Fact]
    public void Cells_for_other_kernels_are_skipped_with_a_note()
    {
        var result = fixture.Run("#!fsharp\nlet x = 1");
        Assert.Equal(CellExecutionStatus.Completed, result.Status);
        Assert.Null(result.ExecutionCount);
        Assert.Contains("skipped this #!fsharp cell", Assert.IsType<StreamOutput>(Assert.Single(result.Outputs)).Text);
    }

    [Fact]
    public void Progress_redraws_collapse_and_long_output_is_capped_with_a_note()
    {
        var redraws = fixture.Run("for (var i = 1; i <= 10000; i++) Console.Write($\"\\rstep {i}/10000\"); Console.WriteLine();");
        Assert.Equal("step 10000/10000\n", Assert.IsType<StreamOutput>(Assert.Single(redraws.Outputs)).Text);

        var lines = fixture.Run("for (var i = 0; i < 10000; i++) Console.WriteLine($\"line {i}\");");
        var text = Assert.IsType<StreamOutput>(Assert.Single(lines.Outputs)).Text;
        Assert.True(text.Length < 3_000, $"kept {text.Length} characters");
        Assert.StartsWith("line 0\n", text);
        Assert.EndsWith("line 9999\n", text);
        Assert.Contains("characters", text);
        Assert.Contains("were cut here", text);
    }
}
