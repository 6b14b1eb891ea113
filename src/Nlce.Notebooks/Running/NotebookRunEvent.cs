using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Running;

/// <summary>Progress of a notebook run, reported through <see cref="IProgress{T}"/> (front ends draw it).</summary>
public abstract record NotebookRunEvent;

/// <summary>A notebook of a batch started.</summary>
public sealed record NotebookStarted(string InputPath) : NotebookRunEvent;

/// <summary>Cell <see cref="Index"/> of <see cref="Count"/> started.</summary>
public sealed record CellStarted(int Index, int Count) : NotebookRunEvent;

/// <summary>Text the running cell wrote, as it was written (before collapsing and caps).</summary>
public sealed record CellOutputText(int Index, OutputStreamName Stream, string Text) : NotebookRunEvent;

/// <summary>Cell <see cref="Index"/> ended.</summary>
public sealed record CellFinished(int Index, CellExecutionStatus Status, TimeSpan Duration) : NotebookRunEvent;

/// <summary>Something the user should know that does not stop the run.</summary>
public sealed record RunWarning(string Message) : NotebookRunEvent;
