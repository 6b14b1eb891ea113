namespace Nlce.Notebooks.Execution;

/// <summary>Options of a <see cref="CSharpCellEngine"/>.</summary>
public sealed record CellEngineOptions
{
    public CellEngineOptions(string workingDirectory, StreamLimits? streamLimits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        if (!Directory.Exists(workingDirectory))
            throw new ArgumentException($"working directory '{workingDirectory}' does not exist.", nameof(workingDirectory));
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        StreamLimits = streamLimits ?? StreamLimits.Default;
    }

    /// <summary>Folder that relative <c>#r</c> paths resolve against (the notebook's folder).</summary>
    public string WorkingDirectory { get; }

    /// <summary>Bounds on stream output per cell.</summary>
    public StreamLimits StreamLimits { get; }
}
