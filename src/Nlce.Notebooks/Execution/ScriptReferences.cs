using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// The assemblies cell code compiles against: the .NET shared framework, and the libraries the runner carries
/// (<see cref="CarriedAssemblyNames"/>), taken from the runner's own folder so scripts use the very assemblies the
/// host has loaded (Roslyn resolves script assemblies to the host's copies first, research notes §6).
/// TorchSharp is referenced as metadata only; its native library loads when a cell first uses it.
/// </summary>
public static class ScriptReferences
{
    /// <summary>Simple names of the carried assemblies.</summary>
    public static IReadOnlyList<string> CarriedAssemblyNames { get; } =
    [
        "Nlce", "Nlce.Notebooks", "TorchSharp", "Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core", "DynamicObj",
        "Giraffe.ViewEngine", "Microsoft.Data.Analysis", "Microsoft.ML.DataView", "Apache.Arrow",
        "Microsoft.DotNet.Interactive.Formatting", "Microsoft.AspNetCore.Html.Abstractions",
    ];

    /// <summary>Metadata references for the framework and the carried assemblies found beside the runner.</summary>
    public static IReadOnlyList<MetadataReference> Create()
    {
        var references = new List<MetadataReference>();
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in trusted)
        {
            if (string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal) && IsManaged(path))
                references.Add(MetadataReference.CreateFromFile(path));
        }
        var runnerDirectory = Path.GetDirectoryName(typeof(ScriptReferences).Assembly.Location)!;
        foreach (var name in CarriedAssemblyNames)
        {
            var path = Path.Combine(runnerDirectory, name + ".dll");
            if (File.Exists(path))
                references.Add(MetadataReference.CreateFromFile(path));
        }
        return references;
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
