namespace Nlce.Notebooks.Execution;

/// <summary>How a cell's execution ended.</summary>
public enum CellExecutionStatus
{
    /// <summary>Ran to the end (or was skipped as another language, with a note).</summary>
    Completed,

    /// <summary>Did not compile, or threw; the outputs end with an error output.</summary>
    Failed,

    /// <summary>Ran past its time limit and was interrupted.</summary>
    TimedOut,

    /// <summary>The process executing it died or was killed.</summary>
    Crashed,
}
