using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Nlce.Notebooks.Format;

namespace Nlce.Notebooks.Running;

/// <summary>
/// papermill's run metadata (research notes §3): <c>metadata.papermill</c> on the notebook (parameters, paths, start
/// and end time, duration, exception) and on every cell (start and end time, duration, status
/// pending → running → completed | failed, exception), timestamps in ISO-8601 UTC, durations in seconds.
/// </summary>
public static class PapermillMetadata
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Resets notebook and cell metadata at the start of a run; code cells lose old outputs and counts.</summary>
    public static void Start(NotebookDocument notebook, string inputPath, string outputPath, DateTimeOffset now)
    {
        var papermill = notebook.Metadata.GetOrAddObject("papermill");
        if (papermill["default_parameters"] is null)
            papermill.SetSorted("default_parameters", new JsonObject());
        papermill.SetSorted("duration", null);
        papermill.SetSorted("end_time", null);
        if (papermill["environment_variables"] is null)
            papermill.SetSorted("environment_variables", new JsonObject());
        papermill.SetSorted("exception", null);
        papermill.SetSorted("input_path", inputPath);
        papermill.SetSorted("output_path", outputPath);
        if (papermill["parameters"] is null)
            papermill.SetSorted("parameters", new JsonObject());
        papermill.SetSorted("start_time", Timestamp(now));
        papermill.SetSorted("version", "nlce-" + (typeof(PapermillMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"));
        foreach (var cell in notebook.Cells)
        {
            if (cell.Metadata["tags"] is null)
                cell.Metadata.SetSorted("tags", new JsonArray());
            cell.Metadata.SetSorted("papermill", new JsonObject
            {
                ["duration"] = null,
                ["end_time"] = null,
                ["exception"] = null,
                ["start_time"] = null,
                ["status"] = Pending,
            });
            if (cell.CellType == NotebookCellType.Code)
            {
                cell.ExecutionCount = null;
                cell.ClearOutputs();
            }
        }
    }

    /// <summary>Marks a cell running.</summary>
    public static void CellStarted(NotebookCell cell, DateTimeOffset now)
    {
        var papermill = cell.Metadata.GetOrAddObject("papermill");
        papermill.SetSorted("exception", false);
        papermill.SetSorted("start_time", Timestamp(now));
        papermill.SetSorted("status", Running);
    }

    /// <summary>Marks a cell completed or failed.</summary>
    public static void CellFinished(NotebookCell cell, DateTimeOffset started, DateTimeOffset now, bool failed)
    {
        var papermill = cell.Metadata.GetOrAddObject("papermill");
        papermill.SetSorted("duration", Seconds(now - started));
        papermill.SetSorted("end_time", Timestamp(now));
        papermill.SetSorted("exception", failed);
        papermill.SetSorted("status", failed ? Failed : Completed);
    }

    /// <summary>Stamps the end of the run.</summary>
    public static void Finish(NotebookDocument notebook, DateTimeOffset started, DateTimeOffset now, bool failed)
    {
        var papermill = notebook.Metadata.GetOrAddObject("papermill");
        papermill.SetSorted("duration", Seconds(now - started));
        papermill.SetSorted("end_time", Timestamp(now));
        papermill.SetSorted("exception", failed ? true : null);
    }

    /// <summary>The status recorded on a cell, or null.</summary>
    public static string? StatusOf(NotebookCell cell) =>
        cell.Metadata["papermill"]?["status"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>ISO-8601 UTC with microseconds.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static JsonNode Seconds(TimeSpan span) => JsonValue.Create(Math.Round(span.TotalSeconds, 6));
}
