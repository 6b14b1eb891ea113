using System.Reflection;

namespace Nlce.Data.Manifests;

/// <summary>
/// The manifests and the schema embedded into the Nlce assembly from <c>data-manifests/*.json</c> (resource names
/// <c>Nlce.DataManifests.&lt;file&gt;</c>, set in Nlce.csproj).
/// </summary>
internal static class EmbeddedManifests
{
    private const string Prefix = "Nlce.DataManifests.";
    public const string SchemaFileName = "schema.json";

    private static Assembly Assembly => typeof(EmbeddedManifests).Assembly;

    /// <summary>File names of the embedded manifests (everything but the schema), sorted.</summary>
    public static IReadOnlyList<string> ManifestFileNames() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Where(n => n != SchemaFileName)
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static async Task<string> ReadAsync(string fileName, CancellationToken cancellationToken)
    {
        await using var stream = Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"The Nlce assembly has no embedded resource '{Prefix + fileName}'; check the EmbeddedResource item in Nlce.csproj.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
