using System.Text.Json;
using System.Text.Json.Nodes;
using Nlce.Notebooks.Execution;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Worker;

/// <summary>
/// The line protocol between the runner and its worker process: one JSON object per line over a named pipe.
/// Runner → worker: <c>{"type":"execute","code":…}</c>, <c>{"type":"shutdown"}</c>. Worker → runner:
/// <c>{"type":"ready"}</c> once the engine is up, <c>{"type":"stream","name":"stdout","text":…}</c> as cells write,
/// and <c>{"type":"result","status":…,"execution_count":…,"outputs":[nbformat outputs]}</c> when a cell ends.
/// Outputs travel in nbformat's own JSON, the shape a Jupyter kernel would publish.
/// </summary>
public static class WorkerMessages
{
    private static readonly JsonSerializerOptions compact = new() { WriteIndented = false };

    public static string Ready() => Serialize(new JsonObject { ["type"] = "ready" });

    public static string Execute(string code) => Serialize(new JsonObject { ["type"] = "execute", ["code"] = code });

    public static string Shutdown() => Serialize(new JsonObject { ["type"] = "shutdown" });

    public static string Stream(OutputStreamName name, string text) =>
        Serialize(new JsonObject { ["type"] = "stream", ["name"] = name == OutputStreamName.Stdout ? "stdout" : "stderr", ["text"] = text });

    public static string Result(CellExecutionResult result) => Serialize(new JsonObject
    {
        ["type"] = "result",
        ["status"] = result.Status.ToString(),
        ["execution_count"] = result.ExecutionCount,
        ["outputs"] = new JsonArray(result.Outputs.Select(o => (JsonNode?)OutputJson.ToJson(o)).ToArray()),
    });

    /// <summary>Parses one protocol line; throws <see cref="InvalidDataException"/> on a malformed message.</summary>
    public static JsonObject Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"protocol line is not an object: {Truncate(line)}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"protocol line is not JSON ({e.Message}): {Truncate(line)}", e);
        }
    }

    /// <summary>The message type.</summary>
    public static string TypeOf(JsonObject message) =>
        message["type"]?.GetValue<string>() ?? throw new InvalidDataException("protocol message has no type");

    /// <summary>Reads a <c>result</c> message back into a <see cref="CellExecutionResult"/>.</summary>
    public static CellExecutionResult ReadResult(JsonObject message)
    {
        var status = Enum.Parse<CellExecutionStatus>(message["status"]!.GetValue<string>());
        var count = message["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        var outputs = (message["outputs"] as JsonArray ?? [])
            .Select((o, i) => OutputJson.FromJson(o, "(worker protocol)", $"outputs[{i}]")).ToList();
        return new CellExecutionResult(status, outputs, count);
    }

    private static string Serialize(JsonObject message) => message.ToJsonString(compact);

    private static string Truncate(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
