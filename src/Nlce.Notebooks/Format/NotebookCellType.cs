namespace Nlce.Notebooks.Format;

/// <summary>The three nbformat 4 cell types.</summary>
public enum NotebookCellType
{
    Code,
    Markdown,
    Raw,
}
