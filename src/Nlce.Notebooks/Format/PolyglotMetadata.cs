using System.Text.Json.Nodes;

namespace Nlce.Notebooks.Format;

/// <summary>
/// The metadata Polyglot Notebooks writes for C# notebooks (research notes §1.1–1.3): the <c>.net-csharp</c>
/// kernelspec, <c>language_info</c>, the <c>polyglot_notebook</c> kernel-info collection, and per code cell both the
/// legacy <c>dotnet_interactive.language</c> and the current <c>polyglot_notebook.kernelName</c>.
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>Polyglot's name for the C# kernel.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>The Jupyter kernelspec name .NET Interactive registers for C#.</summary>
    public const string KernelSpecName = ".net-csharp";

    /// <summary>Notebook-level metadata of a new C# notebook, keys sorted as nbformat writes them.</summary>
    public static JsonObject NotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = KernelSpecName,
        },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernelName,
                ["items"] = new JsonArray(new JsonObject
                {
                    ["aliases"] = new JsonArray(),
                    ["name"] = CSharpKernelName,
                }),
            },
        },
    };

    /// <summary>Code-cell metadata naming <paramref name="kernelName"/> in both the legacy and current keys.</summary>
    public static JsonObject CodeCellMetadata(string kernelName) => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = kernelName },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernelName },
    };

    /// <summary>Whether <paramref name="kernelName"/> names the C# kernel (Polyglot accepts csharp, c# and C#).</summary>
    public static bool IsCSharp(string kernelName) =>
        kernelName.Equals("csharp", StringComparison.OrdinalIgnoreCase) || kernelName.Equals("c#", StringComparison.OrdinalIgnoreCase);
}
