using Nlce.Notebooks.Format;

namespace Nlce.Notebooks.Running;

/// <summary>
/// The error markers papermill puts in a failed notebook (research notes §3): a banner cell at the top linking to the
/// failing cell, and an anchor cell just before it, both tagged <c>papermill-error-cell-tag</c> and removed again on a
/// re-run. The anchor's element id, <c>papermill-error-cell</c>, is papermill's, so tools that look for it find it.
/// </summary>
public static class PapermillErrorCells
{
    /// <summary>Tag of both marker cells.</summary>
    public const string Tag = "papermill-error-cell-tag";

    private const string Style = "color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;";

    /// <summary>Removes marker cells left by an earlier run.</summary>
    public static void Remove(NotebookDocument notebook)
    {
        for (var i = notebook.Cells.Count - 1; i >= 0; i--)
        {
            if (notebook.Cells[i].HasTag(Tag))
                notebook.RemoveCellAt(i);
        }
    }

    /// <summary>
    /// Inserts the anchor before the cell at <paramref name="failingIndex"/> and the banner at the top; returns the
    /// failing cell's new index.
    /// </summary>
    public static int Insert(NotebookDocument notebook, int failingIndex, int? executionCount, string summary)
    {
        var label = executionCount is { } n ? $"In [{n}]" : $"cell {failingIndex}";
        var anchor = NotebookCell.CreateMarkdown(notebook.NewCellId(),
            $"<span id=\"papermill-error-cell\" style=\"{Style}\">The run stopped here: the next cell raised an exception.</span>", [Tag]);
        notebook.InsertCell(failingIndex, anchor);
        var banner = NotebookCell.CreateMarkdown(notebook.NewCellId(),
            $"<span style=\"{Style}\">This run failed at <a href=\"#papermill-error-cell\">{label}</a>: {System.Net.WebUtility.HtmlEncode(summary)}</span>", [Tag]);
        notebook.InsertCell(0, banner);
        return failingIndex + 2;
    }
}
