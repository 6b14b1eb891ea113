using System.Text.Json;
using System.Text.Json.Nodes;
using Nlce.Data;
using Nlce.Notebooks.Format;

namespace Nlce.Notebooks.Outputs;

/// <summary>
/// Converts <see cref="CellOutput"/> values to and from nbformat 4 output JSON (keys sorted as nbformat writes them;
/// text split into lines; JSON mime types stored as JSON, base64 images as one string).
/// </summary>
public static class OutputJson
{
    /// <summary>The nbformat JSON object for <paramref name="output"/>.</summary>
    public static JsonObject ToJson(CellOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output switch
        {
            StreamOutput s => new JsonObject
            {
                ["name"] = s.Name == OutputStreamName.Stdout ? "stdout" : "stderr",
                ["output_type"] = "stream",
                ["text"] = MultilineText.ToJsonLines(s.Text),
            },
            DisplayDataOutput d => new JsonObject
            {
                ["data"] = DataToJson(d.Data),
                ["metadata"] = new JsonObject(),
                ["output_type"] = "display_data",
            },
            ExecuteResultOutput r => new JsonObject
            {
                ["data"] = DataToJson(r.Data),
                ["execution_count"] = r.ExecutionCount,
                ["metadata"] = new JsonObject(),
                ["output_type"] = "execute_result",
            },
            ErrorOutput e => new JsonObject
            {
                ["ename"] = e.ErrorName,
                ["evalue"] = e.ErrorValue,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray(e.Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
            },
            _ => throw new ArgumentException($"Unknown output type {output.GetType().Name}.", nameof(output)),
        };
    }

    /// <summary>
    /// Reads one output. <paramref name="path"/> and <paramref name="field"/> (e.g. <c>cells[3].outputs[0]</c>) name
    /// the place in errors.
    /// </summary>
    public static CellOutput FromJson(JsonNode? node, string path, string field)
    {
        if (node is not JsonObject obj)
            throw new DataFormatException(path, $"is {MultilineText.Describe(node)}; expected an output object", field);
        var type = RequireString(obj, "output_type", path, field);
        switch (type)
        {
            case "stream":
                var name = RequireString(obj, "name", path, field);
                var streamName = name switch
                {
                    "stdout" => OutputStreamName.Stdout,
                    "stderr" => OutputStreamName.Stderr,
                    _ => throw new DataFormatException(path, $"is '{name}'; expected 'stdout' or 'stderr'", field + ".name"),
                };
                return new StreamOutput(streamName, ReadMultiline(obj["text"], path, field + ".text"));
            case "display_data":
                return new DisplayDataOutput(DataFromJson(obj["data"], path, field + ".data"));
            case "execute_result":
                var count = obj["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n)
                    ? n
                    : throw new DataFormatException(path, "expected an integer execution count", field + ".execution_count");
                return new ExecuteResultOutput(DataFromJson(obj["data"], path, field + ".data"), count);
            case "error":
                var traceback = obj["traceback"] as JsonArray
                    ?? throw new DataFormatException(path, "expected an array of strings", field + ".traceback");
                return new ErrorOutput(
                    RequireString(obj, "ename", path, field),
                    RequireString(obj, "evalue", path, field),
                    traceback.Select((t, i) => t is JsonValue tv && tv.TryGetValue<string>(out var s)
                        ? s
                        : throw new DataFormatException(path, "expected a string", $"{field}.traceback[{i}]")).ToList());
            default:
                throw new DataFormatException(path,
                    $"is '{type}'; expected one of stream, display_data, execute_result, error", field + ".output_type");
        }
    }

    private static JsonObject DataToJson(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in bundle.Entries)
        {
            JsonNode? value;
            if (MimeBundle.IsJsonMimeType(mime))
                value = JsonNode.Parse(content);
            else if (mime.StartsWith("text/", StringComparison.Ordinal) || mime is "application/javascript" or "image/svg+xml")
                value = MultilineText.ToJsonLines(content);
            else
                value = JsonValue.Create(content);
            data.SetSorted(mime, value);
        }
        return data;
    }

    private static MimeBundle DataFromJson(JsonNode? node, string path, string field)
    {
        if (node is not JsonObject data)
            throw new DataFormatException(path, $"is {MultilineText.Describe(node)}; expected a mime bundle object", field);
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var (mime, value) in data)
        {
            var content = MimeBundle.IsJsonMimeType(mime)
                ? value?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null"
                : ReadMultiline(value, path, $"{field}[\"{mime}\"]");
            entries.Add(new(mime, content));
        }
        try
        {
            return new MimeBundle(entries);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(path, e.Message, field, e);
        }
    }

    private static string ReadMultiline(JsonNode? node, string path, string field)
    {
        try
        {
            return MultilineText.Read(node);
        }
        catch (FormatException e)
        {
            throw new DataFormatException(path, e.Message, field, e);
        }
    }

    private static string RequireString(JsonObject obj, string key, string path, string field) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new DataFormatException(path, $"is {MultilineText.Describe(obj[key])}; expected a string", $"{field}.{key}");
}
