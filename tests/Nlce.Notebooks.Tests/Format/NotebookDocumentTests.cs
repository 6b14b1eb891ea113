using System.Text;
using Nlce.Data;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Tests.Format;

public class NotebookDocumentTests
{
    [Fact]
    public void Jupyter_written_notebook_round_trips_byte_for_byte()
    {
        var bytes = Encoding.UTF8.GetBytes(NotebookFixtures.JupyterWritten);
        var notebook = NotebookDocument.Parse(bytes, "jupyter.ipynb");
        Assert.Equal(bytes, notebook.ToBytes());
    }

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\n", true)]
    [InlineData("\r\n", false)]
    [InlineData("\r\n", true)]
    public void Polyglot_written_notebook_round_trips_byte_for_byte(string newLine, bool finalNewLine)
    {
        var bytes = Encoding.UTF8.GetBytes(NotebookFixtures.PolyglotWritten(newLine, finalNewLine));
        var notebook = NotebookDocument.Parse(bytes, "polyglot.ipynb");
        Assert.Equal(bytes, notebook.ToBytes());
    }

    [Fact]
    public void Byte_order_mark_is_kept()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(NotebookFixtures.PolyglotWritten("\n", true))).ToArray();
        Assert.Equal(bytes, NotebookDocument.Parse(bytes, "bom.ipynb").ToBytes());
    }

    [Fact]
    public void Saved_notebook_reads_back_identically_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("nb.ipynb");
        var notebook = NotebookDocument.Parse(Encoding.UTF8.GetBytes(NotebookFixtures.JupyterWritten), "in.ipynb");
        notebook.Save(path);
        notebook.Save(path);
        Assert.Equal(NotebookFixtures.JupyterWritten, File.ReadAllText(path));
        Assert.Equal(["nb.ipynb"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Typed_view_reads_cells_kernels_tags_and_outputs()
    {
        var notebook = NotebookDocument.Parse(Encoding.UTF8.GetBytes(NotebookFixtures.JupyterWritten), "jupyter.ipynb");
        Assert.Equal([NotebookCellType.Markdown, NotebookCellType.Code, NotebookCellType.Raw], notebook.Cells.Select(c => c.CellType));
        Assert.Equal("var x = 1e-5;\ndisplay(x)", notebook.Cells[1].Source);
        Assert.Equal("csharp", notebook.Cells[1].KernelName);
        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal(["raw-tag"], notebook.Cells[2].Tags);
        Assert.Equal(3, notebook.Cells[1].ExecutionCount);

        var outputs = notebook.Cells[1].ReadOutputs("jupyter.ipynb", 1);
        var stream = Assert.IsType<StreamOutput>(outputs[0]);
        Assert.Equal(("step 1\ndone\u001b[0m\n", OutputStreamName.Stdout), (stream.Text, stream.Name));
        var display = Assert.IsType<DisplayDataOutput>(outputs[1]);
        Assert.Equal("iVBORw0KGgo=", display.Data[MimeBundle.Png]);
        Assert.Equal("a\nb", display.Data[MimeBundle.PlainText]);
        Assert.Contains("\"y\":[0.9,0.85]", display.Data[MimeBundle.PlotlyJson]);
        Assert.Equal(3, Assert.IsType<ExecuteResultOutput>(outputs[2]).ExecutionCount);
        var error = Assert.IsType<ErrorOutput>(outputs[3]);
        Assert.Equal(("System.Exception", "oops", 2), (error.ErrorName, error.ErrorValue, error.Traceback.Count));
    }

    [Fact]
    public void Edits_keep_source_form_and_sorted_key_order()
    {
        var notebook = NotebookDocument.Parse(Encoding.UTF8.GetBytes(NotebookFixtures.JupyterWritten), "jupyter.ipynb");
        notebook.Cells[2].Source = "new raw";
        notebook.Cells[1].Source = "1 + 1\n2";
        notebook.Cells[1].Metadata.SetSorted("collapsed", true);
        var text = notebook.ToJson();
        Assert.Contains("\"source\": \"new raw\"", text);
        Assert.Contains("\"source\": [\n    \"1 + 1\\n\",\n    \"2\"\n   ]", text);
        Assert.True(text.IndexOf("\"collapsed\"", StringComparison.Ordinal) < text.IndexOf("\"dotnet_interactive\"", StringComparison.Ordinal));
    }

    [Fact]
    public void New_polyglot_notebook_has_the_polyglot_metadata_and_cells_with_both_kernel_keys()
    {
        var notebook = NotebookDocument.CreatePolyglot();
        notebook.AddCell(NotebookCell.CreateCode(notebook.NewCellId(), "var a = 1;\na", ["parameters"]));
        var reread = NotebookDocument.Parse(notebook.ToJson(), "new.ipynb");
        Assert.Equal(".net-csharp", reread.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", reread.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("csharp", reread.Cells[0].Metadata["dotnet_interactive"]!["language"]!.GetValue<string>());
        Assert.Equal("csharp", reread.Cells[0].KernelName);
        Assert.True(reread.Cells[0].HasTag("parameters"));
        Assert.Equal(notebook.ToJson(), reread.ToJson());
    }

    [Fact]
    public void Upgrade_to_4_5_gives_every_cell_a_unique_id()
    {
        const string old = """{"cells":[{"cell_type":"markdown","metadata":{},"source":"a"},{"cell_type":"markdown","metadata":{},"source":"b"}],"metadata":{},"nbformat":4,"nbformat_minor":2}""";
        var notebook = NotebookDocument.Parse(old, "old.ipynb");
        notebook.UpgradeToMinor5();
        Assert.Equal(5, notebook.FormatMinor);
        Assert.All(notebook.Cells, c => Assert.Matches("^[0-9a-f]{8}$", c.Id));
        Assert.NotEqual(notebook.Cells[0].Id, notebook.Cells[1].Id);
    }

    public static TheoryData<string, string?, string> BadNotebooks => new()
    {
        { "{\"cells\": [", null, "not valid JSON" },
        { "[]", null, "expected a notebook object" },
        { """{"cells":[],"metadata":{},"nbformat":3,"nbformat_minor":0}""", "nbformat", "expected 4" },
        { """{"cells":{},"metadata":{},"nbformat":4,"nbformat_minor":5}""", "cells", "expected an array of cells" },
        { """{"cells":[],"nbformat":4,"nbformat_minor":5}""", "metadata", "expected an object" },
        { """{"cells":[{"cell_type":"widget","metadata":{},"source":""}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "cells[0].cell_type", "expected \"code\", \"markdown\" or \"raw\"" },
        { """{"cells":[{"cell_type":"markdown","metadata":{},"source":7}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "cells[0].source", "expected a string or an array of strings" },
        { """{"cells":[{"cell_type":"code","metadata":{},"source":"","outputs":[],"execution_count":"1"}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "cells[0].execution_count", "expected an integer or null" },
        { """{"cells":[{"cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"stream","name":"stdin","text":""}]}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "cells[0].outputs[0].name", "expected 'stdout' or 'stderr'" },
        { """{"cells":[{"id":"x","cell_type":"raw","metadata":{},"source":""},{"id":"x","cell_type":"raw","metadata":{},"source":""}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "cells[1].id", "must be unique" },
    };

    [Theory]
    [MemberData(nameof(BadNotebooks))]
    public void Bad_notebooks_fail_naming_file_field_and_expectation(string json, string? field, string expected)
    {
        var error = Assert.Throws<DataFormatException>(() => NotebookDocument.Parse(json, "bad.ipynb"));
        Assert.Equal("bad.ipynb", error.Path);
        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var error = Assert.Throws<DataFormatException>(() => NotebookDocument.Load("/nonexistent/nb.ipynb"));
        Assert.Equal("/nonexistent/nb.ipynb", error.Path);
    }
}
