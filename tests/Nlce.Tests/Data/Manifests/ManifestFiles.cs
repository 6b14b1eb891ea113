using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Nlce.Tests.Data.Manifests;

/// <summary>The manifests in the repository's <c>data-manifests/</c> folder, and JSON editing helpers for bad-input cases.</summary>
internal static partial class ManifestFiles
{
    public static string Folder { get; } = FindFolder();

    /// <summary>Every manifest file on disk (not the schema), so a new manifest is covered without editing tests.</summary>
    public static IEnumerable<string> All() =>
        Directory.GetFiles(Folder, "*.json").Where(f => Path.GetFileName(f) != "schema.json").Order(StringComparer.Ordinal);

    /// <summary>A complete, valid manifest (isbi2016) to break in one place.</summary>
    public static JsonObject ValidManifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "isbi2016.json")))!.AsObject();

    /// <summary>The node at a path such as <c>sources[0].url</c> (empty path = the root).</summary>
    public static JsonNode At(JsonObject root, string path)
    {
        JsonNode node = root;
        if (path.Length == 0)
            return node;
        foreach (var step in path.Split('.'))
        {
            var match = Step().Match(step);
            node = node[match.Groups["name"].Value]!;
            if (match.Groups["index"].Success)
                node = node[int.Parse(match.Groups["index"].Value)]!;
        }
        return node;
    }

    /// <summary>Splits <c>a.b[0].c</c> into the parent path <c>a.b[0]</c> and the field <c>c</c>.</summary>
    public static (string Parent, string Field) Split(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? ("", path) : (path[..dot], path[(dot + 1)..]);
    }

    public static JsonObject Without(string path)
    {
        var manifest = ValidManifest();
        var (parent, field) = Split(path);
        Assert.True(At(manifest, parent).AsObject().Remove(field), $"test setup: {path} not in the base manifest");
        return manifest;
    }

    public static JsonObject With(string path, JsonNode? value)
    {
        var manifest = ValidManifest();
        var (parent, field) = Split(path);
        At(manifest, parent).AsObject()[field] = value;
        return manifest;
    }

    [GeneratedRegex(@"^(?<name>[^\[]+)(\[(?<index>\d+)\])?$")]
    private static partial Regex Step();

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data-manifests");
            if (File.Exists(Path.Combine(candidate, "schema.json")))
                return candidate;
        }
        throw new InvalidOperationException($"No data-manifests/schema.json above {AppContext.BaseDirectory}.");
    }
}
