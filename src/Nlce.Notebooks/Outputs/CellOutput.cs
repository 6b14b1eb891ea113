namespace Nlce.Notebooks.Outputs;

/// <summary>
/// One output of a code cell, as nbformat 4 defines them (nbformat.v4 schema, "outputs"). The execution engine
/// produces these; <see cref="OutputJson"/> turns them into notebook JSON and back; a Jupyter kernel would send the
/// same shapes as iopub messages.
/// </summary>
public abstract record CellOutput;

/// <summary>Which standard stream a <see cref="StreamOutput"/> came from.</summary>
public enum OutputStreamName
{
    Stdout,
    Stderr,
}

/// <summary>Text written to stdout or stderr while the cell ran (<c>output_type: "stream"</c>).</summary>
public sealed record StreamOutput(OutputStreamName Name, string Text) : CellOutput;

/// <summary>A value shown with <c>display(...)</c> or <c>.Display()</c> (<c>output_type: "display_data"</c>).</summary>
public sealed record DisplayDataOutput(MimeBundle Data) : CellOutput;

/// <summary>The value of a cell's final expression (<c>output_type: "execute_result"</c>).</summary>
public sealed record ExecuteResultOutput(MimeBundle Data, int ExecutionCount) : CellOutput;

/// <summary>An exception that stopped the cell (<c>output_type: "error"</c>).</summary>
public sealed record ErrorOutput(string ErrorName, string ErrorValue, IReadOnlyList<string> Traceback) : CellOutput;
