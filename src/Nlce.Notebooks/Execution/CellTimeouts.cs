using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>The error output recorded for a cell that ran past its time limit.</summary>
public static class CellTimeouts
{
    /// <summary>The <c>ename</c> of a timeout error output.</summary>
    public const string ErrorName = "CellTimeoutError";

    /// <summary>An error output saying the cell was interrupted after <paramref name="limit"/>.</summary>
    public static ErrorOutput Error(TimeSpan limit)
    {
        var message = $"the cell ran longer than its time limit of {limit.TotalSeconds:0.###} s and was interrupted";
        return new ErrorOutput(ErrorName, message, [$"{ErrorName}: {message}"]);
    }
}
