using System.Text.Json.Nodes;
using Nlce.Notebooks.Format;

namespace Nlce.Notebooks.Parameters;

/// <summary>
/// papermill's parameter injection for C# notebooks (papermill <c>parameterize_notebook</c>, research notes §3):
/// earlier <c>injected-parameters</c> cells are removed, a new one is inserted right after the first cell tagged
/// <c>parameters</c> (or at the top, with a warning, when there is none), and the values are recorded in
/// <c>metadata.papermill.parameters</c>. Unlike papermill, a name the parameters cell does not declare is an error.
/// </summary>
public static class ParameterInjector
{
    /// <summary>The index of the first code cell tagged <c>parameters</c>, or -1.</summary>
    public static int FindParametersCell(NotebookDocument notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            if (notebook.Cells[i].CellType == NotebookCellType.Code && notebook.Cells[i].HasTag(NotebookCell.ParametersTag))
                return i;
        }
        return -1;
    }

    /// <summary>The variables declared by the <c>parameters</c> cell (empty when there is none).</summary>
    public static IReadOnlyDictionary<string, DeclaredParameter> DeclaredParameters(NotebookDocument notebook)
    {
        var index = FindParametersCell(notebook);
        return index < 0 ? new Dictionary<string, DeclaredParameter>() : ParameterDeclarations.Read(notebook.Cells[index].Source);
    }

    /// <summary>Injects <paramref name="parameters"/>; returns warnings to report. Throws <see cref="NotebookParameterException"/>.</summary>
    public static IReadOnlyList<string> Inject(NotebookDocument notebook, IReadOnlyList<NotebookParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(parameters);
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new NotebookParameterException(duplicate.Key, "is given more than once");

        for (var i = notebook.Cells.Count - 1; i >= 0; i--)
        {
            if (notebook.Cells[i].HasTag(NotebookCell.InjectedParametersTag))
                notebook.RemoveCellAt(i);
        }

        var warnings = new List<string>();
        var parametersIndex = FindParametersCell(notebook);

        var papermill = notebook.Metadata.GetOrAddObject("papermill");
        var values = new JsonObject();
        foreach (var parameter in parameters)
            values[parameter.Name] = parameter.Value.ToJson();
        papermill.SetSorted("parameters", values);
        if (parameters.Count == 0)
            return warnings;

        IReadOnlyDictionary<string, DeclaredParameter>? declarations = null;
        if (parametersIndex >= 0)
        {
            declarations = ParameterDeclarations.Read(notebook.Cells[parametersIndex].Source);
            var unknown = parameters.FirstOrDefault(p => !declarations.ContainsKey(p.Name));
            if (unknown is not null)
                throw new NotebookParameterException(unknown.Name,
                    $"is not declared in the cell tagged \"parameters\" (cell {parametersIndex}); it declares: {(declarations.Count == 0 ? "nothing" : string.Join(", ", declarations.Keys))}");
        }
        else
        {
            warnings.Add("the notebook has no cell tagged \"parameters\"; the injected parameters cell goes first and the parameter names cannot be checked");
        }

        var source = CSharpParameterRenderer.Render(parameters, declarations);
        var kernel = parametersIndex >= 0 ? notebook.Cells[parametersIndex].KernelName ?? notebook.DefaultKernelName : notebook.DefaultKernelName;
        var cell = NotebookCell.CreateCode(notebook.NewCellId(), source, [NotebookCell.InjectedParametersTag], kernel);
        notebook.InsertCell(parametersIndex + 1, cell);
        return warnings;
    }
}
