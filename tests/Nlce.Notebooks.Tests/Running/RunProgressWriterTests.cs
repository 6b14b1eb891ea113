using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Outputs;
using Nlce.Notebooks.Running;

namespace Nlce.Notebooks.Tests.Running;

public class RunProgressWriterTests
{
    [Fact]
    public void Progress_is_written_as_lines_with_cell_text_passed_through()
    {
        var text = new StringWriter();
        var writer = new RunProgressWriter(text);
        writer.Report(new NotebookStarted("/n/a.ipynb"));
        writer.Report(new CellStarted(0, 2));
        writer.Report(new CellOutputText(0, OutputStreamName.Stdout, "hello\n"));
        writer.Report(new CellFinished(0, CellExecutionStatus.TimedOut, TimeSpan.FromSeconds(1.5)));
        writer.Report(new RunWarning("no parameters cell"));
        Assert.Equal("[nlce] running /n/a.ipynb\n[cell 1/2] started\nhello\n[cell 1] TIMED OUT in 1.50 s\n[nlce] no parameters cell\n",
            text.ToString().Replace("\r\n", "\n"));
    }
}
