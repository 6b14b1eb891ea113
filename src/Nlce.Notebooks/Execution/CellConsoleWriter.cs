using System.Text;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// The <see cref="Console.Out"/>/<see cref="Console.Error"/> replacement the engine installs while it exists: text
/// goes to the collector of the cell that is running (set by the engine), or nowhere between cells.
/// </summary>
internal sealed class CellConsoleWriter(OutputStreamName stream, Func<CellOutputCollector?> currentCollector) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => currentCollector()?.WriteStream(stream, value.ToString());

    public override void Write(string? value)
    {
        if (value is not null)
            currentCollector()?.WriteStream(stream, value);
    }

    public override void Write(char[] buffer, int index, int count) =>
        currentCollector()?.WriteStream(stream, new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + CoreNewLine.AsSpan().ToString());
}
