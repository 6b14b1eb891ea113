using System.Text.RegularExpressions;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Parameters;

namespace Nlce.Notebooks.Tests.NotebookSeries;

/// <summary>
/// The conventions every notebook of the series keeps (issue 7): committed without outputs, a numbered name, a markdown
/// introduction, one documented first code cell that loads the library in every host, and a <c>parameters</c> cell near the
/// top that declares the profile (default <c>quick</c>), the dataset, device, seed and the cache folder.
/// </summary>
public sealed partial class NotebookConventionsTests
{
    public static TheoryData<string> Notebooks() => NotebookFolder.All();

    private static NotebookDocument Load(string name) => NotebookDocument.Load(System.IO.Path.Combine(NotebookFolder.Path, name));

    [Fact]
    public void The_series_starts_with_the_first_four_notebooks()
    {
        Assert.Subset(NotebookFolder.Names.ToHashSet(),
            new HashSet<string> { "00-quickstart.ipynb", "01-nlce-step-by-step.ipynb", "02-train-models.ipynb", "03-fig1-attack-examples.ipynb" });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_named_with_a_two_digit_number(string name)
    {
        Assert.Matches(NumberedName(), name);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_without_outputs(string name)
    {
        foreach (var (cell, index) in Load(name).Cells.Select((c, i) => (c, i)).Where(x => x.c.CellType == NotebookCellType.Code))
        {
            Assert.True(cell.ReadOutputs(name, index).Count == 0, $"{name}, cell {index} has outputs; clear them before committing.");
            Assert.True(cell.ExecutionCount is null, $"{name}, cell {index} has an execution count; clear it before committing.");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Opens_with_markdown_then_the_loader_cell_then_the_parameters(string name)
    {
        var cells = Load(name).Cells;
        Assert.Equal(NotebookCellType.Markdown, cells[0].CellType);
        var code = cells.Where(c => c.CellType == NotebookCellType.Code).ToList();
        var loader = code[0].Source;
        Assert.Contains("Nlce.Runtime.TorchRuntime.EnsureLoaded()", loader);
        Assert.Contains("Nlce.Charts.NotebookFormatters.Register()", loader);
        Assert.Contains("#r \"../src/Nlce.Cli/bin/Release/net10.0/Nlce.dll\"", loader);
        Assert.Equal(LoaderOf("00-quickstart.ipynb"), loader);
        Assert.True(code[1].HasTag(NotebookCell.ParametersTag), $"{name}: the second code cell must be the parameters cell.");
        Assert.Single(cells, c => c.HasTag(NotebookCell.ParametersTag));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Parameters_declare_profile_dataset_device_seed_and_cache_folder(string name)
    {
        var parameters = Load(name).Cells.Single(c => c.HasTag(NotebookCell.ParametersTag)).Source;
        var declared = ParameterDeclarations.Read(parameters);
        foreach (var (parameter, type) in new[] { ("profile", "string"), ("dataset", "string"), ("device", "string"), ("seed", "int"), ("cacheDir", "string") })
        {
            Assert.True(declared.TryGetValue(parameter, out var declaration), $"{name}: the parameters cell does not declare '{parameter}'.");
            Assert.Equal(type, declaration!.Type?.ToString());
        }
        Assert.Contains("string profile = \"quick\";", parameters);
        Assert.Contains("string cacheDir = Nlce.Workbench.WorkbenchCache.DefaultFolder;", parameters);
    }

    private static string LoaderOf(string name) => Load(name).Cells.First(c => c.CellType == NotebookCellType.Code).Source;

    [GeneratedRegex(@"^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")]
    private static partial Regex NumberedName();
}
