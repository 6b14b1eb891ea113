using System.Text.Json;
using System.Text.Json.Nodes;
using Nlce.Notebooks.Format;

namespace Nlce.Notebooks.Running;

/// <summary>
/// The machine-readable <c>run-summary.json</c> written beside the output notebook (REQ-RUN-2): status and exit code,
/// paths, profile and parameters, timings, the failing cell with its error, and every cell's status and duration.
/// </summary>
public static class RunSummary
{
    /// <summary>The summary as JSON.</summary>
    public static JsonObject Build(NotebookRunOptions options, NotebookRunResult result, NotebookDocument? notebook, DateTimeOffset started, DateTimeOffset ended)
    {
        var parameters = new JsonObject();
        foreach (var parameter in options.Parameters)
            parameters[parameter.Name] = parameter.Value.ToJson();
        var summary = new JsonObject
        {
            ["status"] = StatusName(result.ExitCode),
            ["exit_code"] = (int)result.ExitCode,
            ["message"] = result.Message,
            ["input_path"] = options.InputPath,
            ["output_path"] = result.OutputPath,
            ["profile"] = options.Profile?.ToString().ToLowerInvariant(),
            ["parameters"] = parameters,
            ["start_time"] = PapermillMetadata.Timestamp(started),
            ["end_time"] = PapermillMetadata.Timestamp(ended),
            ["duration_seconds"] = Math.Round((ended - started).TotalSeconds, 6),
            ["failing_cell"] = result.FailedCell is { } failed
                ? new JsonObject
                {
                    ["index"] = failed.Index,
                    ["output_index"] = failed.OutputIndex,
                    ["execution_count"] = failed.ExecutionCount,
                    ["ename"] = failed.ErrorName,
                    ["evalue"] = failed.ErrorValue,
                }
                : null,
            ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        };
        if (notebook is not null)
        {
            summary["cells"] = new JsonArray(notebook.Cells.Select((cell, i) => (JsonNode?)new JsonObject
            {
                ["index"] = i,
                ["cell_type"] = cell.CellType.ToString().ToLowerInvariant(),
                ["status"] = PapermillMetadata.StatusOf(cell),
                ["duration_seconds"] = cell.Metadata["papermill"]?["duration"]?.DeepClone(),
            }).ToArray());
        }
        return summary;
    }

    /// <summary>Writes the summary atomically.</summary>
    public static void Write(string path, JsonObject summary) =>
        AtomicFile.WriteAllText(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    /// <summary>The summary's status word for an exit code.</summary>
    public static string StatusName(NotebookExitCode code) => code switch
    {
        NotebookExitCode.Success => "completed",
        NotebookExitCode.CellFailed => "cell_failed",
        NotebookExitCode.InvalidInput => "invalid_input",
        NotebookExitCode.CellTimedOut => "cell_timed_out",
        NotebookExitCode.ExecutionCrashed => "crashed",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "unknown exit code"),
    };
}
