namespace Nlce.Notebooks.Running;

/// <summary>
/// Process exit codes of a notebook run, distinct per kind of failure (REQ-RUN-2; papermill issue #474) so a CI job or
/// scheduler can tell a notebook bug from a hang or a dead process.
/// </summary>
public enum NotebookExitCode
{
    /// <summary>Every cell completed.</summary>
    Success = 0,

    /// <summary>A cell failed to compile or threw.</summary>
    CellFailed = 1,

    /// <summary>The notebook file, a parameter or an option was invalid; nothing ran.</summary>
    InvalidInput = 2,

    /// <summary>A cell ran past its time limit (or the whole run past its limit) and was interrupted.</summary>
    CellTimedOut = 3,

    /// <summary>The execution process crashed, exited, or was killed (including a cancelled run).</summary>
    ExecutionCrashed = 4,
}
