using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nlce.Data;

namespace Nlce.Notebooks.Format;

/// <summary>
/// An nbformat 4 notebook (.ipynb) as Jupyter and Polyglot Notebooks write it. The model keeps the whole JSON tree:
/// members it does not interpret are preserved, numbers keep their original text, key order is kept, and the file's
/// layout (<see cref="NotebookJsonStyle"/>) is detected, so reading and writing an untouched notebook gives the same
/// bytes. Typed access covers what the runner needs: cells, their sources, tags, kernels and outputs.
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonObject root;
    private readonly JsonArray cellsArray;
    private readonly List<NotebookCell> cells;

    private NotebookDocument(JsonObject root, JsonArray cellsArray, List<NotebookCell> cells, NotebookJsonStyle style, string sourcePath)
    {
        this.root = root;
        this.cellsArray = cellsArray;
        this.cells = cells;
        Style = style;
        SourcePath = sourcePath;
    }

    /// <summary>The file this notebook was read from (or a description such as "(new notebook)").</summary>
    public string SourcePath { get; }

    /// <summary>The JSON layout used when writing.</summary>
    public NotebookJsonStyle Style { get; set; }

    /// <summary>The cells in order.</summary>
    public IReadOnlyList<NotebookCell> Cells => cells;

    /// <summary>Notebook-level metadata (kernelspec, language_info, polyglot_notebook, papermill, ...).</summary>
    public JsonObject Metadata => root.GetOrAddObject("metadata");

    /// <summary>The nbformat minor version (5 for nbformat 4.5).</summary>
    public int FormatMinor
    {
        get => root["nbformat_minor"]!.GetValue<int>();
        set => root.SetSorted("nbformat_minor", value);
    }

    /// <summary>
    /// The kernel cells run in when they name none: Polyglot's <c>kernelInfo.defaultKernelName</c> (top level, then
    /// under <c>polyglot_notebook</c>, then legacy <c>dotnet_interactive</c>), else derived from the kernelspec,
    /// else "csharp" (the lookup order of Polyglot's reader, research notes §1.1–1.2).
    /// </summary>
    public string DefaultKernelName
    {
        get
        {
            var metadata = root["metadata"] as JsonObject;
            foreach (var candidate in new[]
                     {
                         metadata?["kernelInfo"]?["defaultKernelName"],
                         metadata?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"],
                         metadata?["polyglot_notebook"]?["defaultKernelName"],
                         metadata?["dotnet_interactive"]?["defaultKernelName"],
                     })
            {
                if (candidate is JsonValue v && v.TryGetValue<string>(out var name))
                    return name;
            }
            if (metadata?["kernelspec"]?["name"] is JsonValue spec && spec.TryGetValue<string>(out var specName)
                && specName.StartsWith(".net-", StringComparison.Ordinal))
                return specName[".net-".Length..];
            return PolyglotMetadata.CSharpKernelName;
        }
    }

    /// <summary>Reads a notebook file; throws <see cref="DataFormatException"/> naming the file and field on bad input.</summary>
    public static NotebookDocument Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found; expected an .ipynb notebook");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses notebook bytes (UTF-8, optional BOM).</summary>
    public static NotebookDocument Parse(byte[] bytes, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var preamble = Encoding.UTF8.GetPreamble();
        var bom = bytes.AsSpan().StartsWith(preamble);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, bom ? preamble.Length : 0, bytes.Length - (bom ? preamble.Length : 0));
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(sourcePath, $"is not valid UTF-8 ({e.Message}); expected a UTF-8 JSON notebook", null, e);
        }
        return Parse(text, sourcePath, bom);
    }

    /// <summary>Parses notebook JSON text.</summary>
    public static NotebookDocument Parse(string text, string sourcePath, bool byteOrderMark = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new DataFormatException(sourcePath,
                $"is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", null, e);
        }
        if (parsed is not JsonObject root)
            throw new DataFormatException(sourcePath, $"top level is {MultilineText.Describe(parsed)}; expected a notebook object");
        if (root["nbformat"] is not JsonValue major || !major.TryGetValue<int>(out var majorVersion) || majorVersion != 4)
            throw new DataFormatException(sourcePath, $"is {MultilineText.Describe(root["nbformat"])}; expected 4 (nbformat 4 notebooks only)", "nbformat");
        if (root["nbformat_minor"] is not JsonValue minor || !minor.TryGetValue<int>(out var minorVersion) || minorVersion < 0)
            throw new DataFormatException(sourcePath, $"is {MultilineText.Describe(root["nbformat_minor"])}; expected a non-negative integer", "nbformat_minor");
        if (root["metadata"] is not JsonObject)
            throw new DataFormatException(sourcePath, $"is {MultilineText.Describe(root["metadata"])}; expected an object", "metadata");
        if (root["cells"] is not JsonArray cellsArray)
            throw new DataFormatException(sourcePath, $"is {MultilineText.Describe(root["cells"])}; expected an array of cells", "cells");
        var cells = cellsArray.Select((c, i) => NotebookCell.FromJson(c, sourcePath, i)).ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].Id is { } id && !ids.Add(id))
                throw new DataFormatException(sourcePath, $"'{id}' is used by an earlier cell; cell ids must be unique", $"cells[{i}].id");
        }
        return new NotebookDocument(root, cellsArray, cells, NotebookJsonStyle.Detect(text, byteOrderMark), sourcePath);
    }

    /// <summary>A new, empty nbformat 4.5 C# notebook with Polyglot's metadata.</summary>
    public static NotebookDocument CreatePolyglot()
    {
        var cellsArray = new JsonArray();
        var root = new JsonObject
        {
            ["cells"] = cellsArray,
            ["metadata"] = PolyglotMetadata.NotebookMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return new NotebookDocument(root, cellsArray, [], NotebookJsonStyle.Jupyter, "(new notebook)");
    }

    /// <summary>Inserts <paramref name="cell"/> at <paramref name="index"/>.</summary>
    public void InsertCell(int index, NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, cells.Count);
        if (cell.Node.Parent is not null)
            throw new ArgumentException("The cell already belongs to a notebook.", nameof(cell));
        if (cell.Id is { } id && cells.Any(c => c.Id == id))
            throw new ArgumentException($"A cell with id '{id}' already exists.", nameof(cell));
        cellsArray.Insert(index, cell.Node);
        cells.Insert(index, cell);
    }

    /// <summary>Appends <paramref name="cell"/>.</summary>
    public void AddCell(NotebookCell cell) => InsertCell(cells.Count, cell);

    /// <summary>Removes the cell at <paramref name="index"/>.</summary>
    public void RemoveCellAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, cells.Count);
        cellsArray.RemoveAt(index);
        cells.RemoveAt(index);
    }

    /// <summary>A fresh cell id (8 hex digits, as VS Code writes them) not used by any cell of this notebook.</summary>
    public string NewCellId()
    {
        while (true)
        {
            var id = Guid.NewGuid().ToString("N")[..8];
            if (cells.All(c => c.Id != id))
                return id;
        }
    }

    /// <summary>
    /// Upgrades an nbformat 4.0–4.4 notebook to 4.5 by giving every cell an id (the only 4.5 change), so the output
    /// validates against the 4.5 schema. Does nothing for 4.5 and later.
    /// </summary>
    public void UpgradeToMinor5()
    {
        if (FormatMinor >= 5)
            return;
        foreach (var cell in cells.Where(c => c.Id is null))
            cell.Id = NewCellId();
        FormatMinor = 5;
    }

    /// <summary>The notebook as JSON text in <see cref="Style"/> (BOM not included).</summary>
    public string ToJson() => JupyterJsonWriter.Write(root, Style);

    /// <summary>The notebook as file bytes (with the BOM when the style has one).</summary>
    public byte[] ToBytes()
    {
        var body = new UTF8Encoding(false).GetBytes(ToJson());
        return Style.ByteOrderMark ? [.. Encoding.UTF8.GetPreamble(), .. body] : body;
    }

    /// <summary>Writes the notebook to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson(), Style.ByteOrderMark);
}
