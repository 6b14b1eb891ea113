using System.Text.Json.Nodes;
using Nlce.Data;
using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Format;

/// <summary>
/// One notebook cell (nbformat 4 "cell"). A thin typed view over the cell's JSON object: members this class does not
/// know (attachments, front-end metadata) stay in the object untouched, so they are written back as they were.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>Metadata tag of the cell that holds a notebook's parameter defaults (papermill).</summary>
    public const string ParametersTag = "parameters";

    /// <summary>Metadata tag of the cell the runner inserts with the run's parameter values (papermill).</summary>
    public const string InjectedParametersTag = "injected-parameters";

    internal NotebookCell(JsonObject node, NotebookCellType cellType)
    {
        Node = node;
        CellType = cellType;
    }

    /// <summary>The cell's JSON object (owned by the notebook once added).</summary>
    internal JsonObject Node { get; }

    public NotebookCellType CellType { get; }

    /// <summary>The cell id (nbformat 4.5), or null in older notebooks.</summary>
    public string? Id
    {
        get => Node["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        set => Node.SetSorted("id", value);
    }

    /// <summary>
    /// The cell's source text. Setting it keeps the file's form: a source stored as one string stays one string,
    /// otherwise it is written as a list of lines like Jupyter does.
    /// </summary>
    public string Source
    {
        get => MultilineText.Read(Node["source"]);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Node.SetSorted("source", Node["source"] is JsonValue ? JsonValue.Create(value) : MultilineText.ToJsonLines(value));
        }
    }

    /// <summary>The cell metadata object (created if missing).</summary>
    public JsonObject Metadata => Node.GetOrAddObject("metadata");

    /// <summary>The values of <c>metadata.tags</c>.</summary>
    public IReadOnlyList<string> Tags =>
        Node["metadata"]?["tags"] is JsonArray tags
            ? tags.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0).ToList()
            : [];

    /// <summary>Whether <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>
    /// The kernel this cell is written for, from Polyglot's <c>metadata.polyglot_notebook.kernelName</c>, else the
    /// legacy <c>metadata.dotnet_interactive.language</c>; null when neither is present (the document default applies).
    /// </summary>
    public string? KernelName =>
        (Node["metadata"]?["polyglot_notebook"]?["kernelName"] as JsonValue)?.TryGetValue<string>(out var k) == true ? k
        : (Node["metadata"]?["dotnet_interactive"]?["language"] as JsonValue)?.TryGetValue<string>(out var l) == true ? l
        : null;

    /// <summary>The execution count of a code cell; null when it has not run.</summary>
    public int? ExecutionCount
    {
        get => Node["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
        set
        {
            RequireCode();
            Node.SetSorted("execution_count", value is { } n ? JsonValue.Create(n) : null);
        }
    }

    /// <summary>The outputs of a code cell, read into typed values (empty for other cell types).</summary>
    public IReadOnlyList<CellOutput> ReadOutputs(string path, int cellIndex)
    {
        if (CellType != NotebookCellType.Code || Node["outputs"] is not JsonArray outputs)
            return [];
        return outputs.Select((o, i) => OutputJson.FromJson(o, path, $"cells[{cellIndex}].outputs[{i}]")).ToList();
    }

    /// <summary>Removes all outputs of a code cell.</summary>
    public void ClearOutputs()
    {
        RequireCode();
        Node.SetSorted("outputs", new JsonArray());
    }

    /// <summary>Appends <paramref name="output"/> to a code cell.</summary>
    public void AddOutput(CellOutput output)
    {
        RequireCode();
        if (Node["outputs"] is not JsonArray outputs)
        {
            outputs = new JsonArray();
            Node.SetSorted("outputs", outputs);
        }
        outputs.Add(OutputJson.ToJson(output));
    }

    /// <summary>A new C# code cell with Polyglot's kernel metadata.</summary>
    public static NotebookCell CreateCode(string id, string source, IEnumerable<string>? tags = null, string kernelName = PolyglotMetadata.CSharpKernelName)
    {
        ArgumentNullException.ThrowIfNull(source);
        var metadata = PolyglotMetadata.CodeCellMetadata(kernelName);
        if (tags is not null)
            metadata.SetSorted("tags", new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()));
        var node = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = id,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = MultilineText.ToJsonLines(source),
        };
        return new NotebookCell(node, NotebookCellType.Code);
    }

    /// <summary>A new markdown cell.</summary>
    public static NotebookCell CreateMarkdown(string id, string source, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var metadata = new JsonObject();
        if (tags is not null)
            metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        var node = new JsonObject
        {
            ["cell_type"] = "markdown",
            ["id"] = id,
            ["metadata"] = metadata,
            ["source"] = MultilineText.ToJsonLines(source),
        };
        return new NotebookCell(node, NotebookCellType.Markdown);
    }

    /// <summary>Reads and validates a cell object from a notebook file.</summary>
    internal static NotebookCell FromJson(JsonNode? node, string path, int index)
    {
        var field = $"cells[{index}]";
        if (node is not JsonObject obj)
            throw new DataFormatException(path, $"is {MultilineText.Describe(node)}; expected a cell object", field);
        var typeName = obj["cell_type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
        var cellType = typeName switch
        {
            "code" => NotebookCellType.Code,
            "markdown" => NotebookCellType.Markdown,
            "raw" => NotebookCellType.Raw,
            _ => throw new DataFormatException(path,
                $"is {MultilineText.Describe(obj["cell_type"])}; expected \"code\", \"markdown\" or \"raw\"", field + ".cell_type"),
        };
        if (obj["metadata"] is not JsonObject)
            throw new DataFormatException(path, $"is {MultilineText.Describe(obj["metadata"])}; expected an object", field + ".metadata");
        try
        {
            MultilineText.Read(obj["source"]);
        }
        catch (FormatException e)
        {
            throw new DataFormatException(path, e.Message, field + ".source", e);
        }
        if (obj.ContainsKey("id") && !(obj["id"] is JsonValue idv && idv.TryGetValue<string>(out _)))
            throw new DataFormatException(path, $"is {MultilineText.Describe(obj["id"])}; expected a string", field + ".id");
        var cell = new NotebookCell(obj, cellType);
        if (cellType == NotebookCellType.Code)
        {
            if (obj["outputs"] is not JsonArray)
                throw new DataFormatException(path, $"is {MultilineText.Describe(obj["outputs"])}; expected an array", field + ".outputs");
            if (obj["execution_count"] is JsonNode count && !(count is JsonValue cv && cv.TryGetValue<int>(out _)))
                throw new DataFormatException(path, $"is {MultilineText.Describe(count)}; expected an integer or null", field + ".execution_count");
            cell.ReadOutputs(path, index);
        }
        return cell;
    }

    private void RequireCode()
    {
        if (CellType != NotebookCellType.Code)
            throw new InvalidOperationException($"Only code cells have outputs and execution counts; this cell is {CellType}.");
    }
}
