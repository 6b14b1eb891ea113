using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Parameters;

namespace Nlce.Notebooks.Running;

/// <summary>What one notebook run does: input, output, parameters, profile and limits. Validates itself.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Name of the parameter that receives the profile.</summary>
    public const string ProfileParameterName = "profile";

    public NotebookRunOptions(
        string inputPath,
        string outputPath,
        IReadOnlyList<NotebookParameter>? parameters = null,
        RunProfile? profile = null,
        TimeSpan? cellTimeout = null,
        TimeSpan? runTimeout = null,
        string? summaryPath = null,
        StreamLimits? streamLimits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (cellTimeout is { } c && c <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(cellTimeout), c, "the cell time limit must be positive.");
        if (runTimeout is { } r && r <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(runTimeout), r, "the run time limit must be positive.");
        parameters ??= [];
        if (profile is not null && parameters.Any(p => p.Name == ProfileParameterName))
            throw new ArgumentException($"give the profile either as --profile or as the parameter '{ProfileParameterName}', not both.", nameof(parameters));
        InputPath = Path.GetFullPath(inputPath);
        OutputPath = Path.GetFullPath(outputPath);
        Parameters = parameters;
        Profile = profile;
        CellTimeout = cellTimeout;
        RunTimeout = runTimeout;
        SummaryPath = Path.GetFullPath(summaryPath ?? Path.Combine(Path.GetDirectoryName(OutputPath)!, "run-summary.json"));
        StreamLimits = streamLimits ?? StreamLimits.Default;
    }

    public string InputPath { get; }
    public string OutputPath { get; }
    public IReadOnlyList<NotebookParameter> Parameters { get; }
    public RunProfile? Profile { get; }

    /// <summary>Time limit of each cell; null for none.</summary>
    public TimeSpan? CellTimeout { get; }

    /// <summary>Time limit of the whole run; null for none.</summary>
    public TimeSpan? RunTimeout { get; }

    /// <summary>Where the run summary goes (default: <c>run-summary.json</c> beside the output).</summary>
    public string SummaryPath { get; }

    public StreamLimits StreamLimits { get; }
}
