namespace Nlce.Notebooks.Execution;

/// <summary>
/// The NuGet packages the headless runner carries (it references their assemblies itself), so a first cell written
/// for VS Code, <c>#r "nuget: Plotly.NET"</c>, runs here without a restore. Any other package is an error naming it:
/// the runner never downloads (research notes §4, REQ-NB-2).
/// </summary>
public static class CarriedPackages
{
    private static readonly IReadOnlyDictionary<string, string> descriptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["TorchSharp"] = "TorchSharp (the runner's TorchSharp and libtorch backend)",
        ["TorchSharp-cpu"] = "TorchSharp (the runner's TorchSharp and libtorch backend)",
        ["TorchSharp-cuda-linux"] = "TorchSharp (the runner's TorchSharp and libtorch backend)",
        ["TorchSharp-cuda-windows"] = "TorchSharp (the runner's TorchSharp and libtorch backend)",
        ["Plotly.NET"] = "Plotly.NET",
        ["Plotly.NET.CSharp"] = "Plotly.NET.CSharp",
        ["Plotly.NET.Interactive"] = "Plotly.NET (its notebook formatter is registered by Nlce.Charts)",
        ["Microsoft.Data.Analysis"] = "Microsoft.Data.Analysis",
        ["Microsoft.DotNet.Interactive.Formatting"] = "Microsoft.DotNet.Interactive.Formatting",
        ["Nlce"] = "the Nlce core library",
    };

    /// <summary>The package ids accepted in <c>#r "nuget: …"</c>.</summary>
    public static IEnumerable<string> Names => descriptions.Keys.Order(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="packageId"/> is carried; <paramref name="providedBy"/> says what supplies it.</summary>
    public static bool TryGet(string packageId, out string providedBy) => descriptions.TryGetValue(packageId, out providedBy!);
}
