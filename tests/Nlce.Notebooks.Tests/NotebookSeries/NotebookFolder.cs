namespace Nlce.Notebooks.Tests.NotebookSeries;

/// <summary>
/// The repository's <c>notebooks/</c> folder, found by walking up from the test assembly to the folder holding
/// <c>NlceNotebooks.sln</c>, and the notebooks in it. Found on disk, so a notebook added there is tested without a code change.
/// </summary>
public static class NotebookFolder
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFile = "NlceNotebooks.sln";

    /// <summary>Absolute path of <c>notebooks/</c>.</summary>
    public static string Path { get; } = Locate();

    /// <summary>The file names of every <c>*.ipynb</c> in the folder, sorted (executed copies named <c>*.out.ipynb</c> excluded).</summary>
    public static IReadOnlyList<string> Names =>
        Directory.EnumerateFiles(Path, "*.ipynb")
            .Select(System.IO.Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.EndsWith(".out.ipynb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary><see cref="Names"/> as xunit theory data.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
            data.Add(name);
        return data;
    }

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, SolutionFile)))
                return System.IO.Path.Combine(folder.FullName, "notebooks");
        }
        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds {SolutionFile}; the notebook tests run inside the repository.");
    }
}
