using Nlce.Notebooks.Format;

namespace Nlce.Notebooks.Tests.Running;

/// <summary>Builds small Polyglot-style notebooks on disk for runner tests.</summary>
public static class TestNotebooks
{
    public static string Markdown(string text) => "md:" + text;

    public static string Parameters(string code) => "params:" + code;

    /// <summary>Writes a notebook whose cells are given as code, or with the md:/params: prefixes above.</summary>
    public static string Write(TempFolder folder, string name, params string[] cells)
    {
        var notebook = NotebookDocument.CreatePolyglot();
        foreach (var cell in cells)
        {
            if (cell.StartsWith("md:", StringComparison.Ordinal))
                notebook.AddCell(NotebookCell.CreateMarkdown(notebook.NewCellId(), cell[3..]));
            else if (cell.StartsWith("params:", StringComparison.Ordinal))
                notebook.AddCell(NotebookCell.CreateCode(notebook.NewCellId(), cell[7..], [NotebookCell.ParametersTag]));
            else
                notebook.AddCell(NotebookCell.CreateCode(notebook.NewCellId(), cell));
        }
        var path = folder.File(name);
        notebook.Save(path);
        return path;
    }
}
