using System.Diagnostics.CodeAnalysis;

namespace Nlce.Data.Manifests;

/// <summary>
/// The dataset manifests known to the program, by id: the ones embedded in the Nlce assembly from
/// <c>data-manifests/</c>, optionally merged with a folder of users' own manifests. Lookups of unknown ids fail with a
/// "did you mean" suggestion and the list of known ids.
/// </summary>
public sealed class ManifestCatalog
{
    private readonly IReadOnlyDictionary<string, (DatasetManifest Manifest, string Source)> _entries;

    /// <param name="manifests">Manifests with the file or resource each came from (used in error messages).</param>
    public ManifestCatalog(IEnumerable<(DatasetManifest Manifest, string Source)> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var entries = new Dictionary<string, (DatasetManifest, string)>(StringComparer.Ordinal);
        foreach (var (manifest, source) in manifests)
        {
            ArgumentNullException.ThrowIfNull(manifest, nameof(manifests));
            if (entries.TryGetValue(manifest.Id, out var existing))
                throw new ArgumentException(
                    $"Dataset id '{manifest.Id}' is defined twice: in {existing.Item2} and in {source}.", nameof(manifests));
            entries.Add(manifest.Id, (manifest, source));
        }
        _entries = entries;
        Ids = entries.Keys.Order(StringComparer.Ordinal).ToArray();
        All = Ids.Select(id => entries[id].Item1).ToArray();
    }

    /// <summary>Known ids, sorted.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>All manifests, sorted by id.</summary>
    public IReadOnlyList<DatasetManifest> All { get; }

    /// <summary>The manifests embedded in the Nlce assembly (the files of <c>data-manifests/</c> at build time).</summary>
    public static async Task<ManifestCatalog> LoadEmbeddedAsync(CancellationToken cancellationToken = default)
    {
        var reader = await ManifestReader.CreateAsync(cancellationToken);
        var entries = new List<(DatasetManifest, string)>();
        foreach (var fileName in EmbeddedManifests.ManifestFileNames())
        {
            var source = $"embedded data-manifests/{fileName}";
            var manifest = reader.Parse(await EmbeddedManifests.ReadAsync(fileName, cancellationToken), source);
            RequireFileNamedAfterId(manifest, fileName, source);
            entries.Add((manifest, source));
        }
        return new ManifestCatalog(entries);
    }

    /// <summary>
    /// Every <c>*.json</c> in <paramref name="folder"/> except <c>schema.json</c>, each validated against the embedded
    /// schema and named <c>&lt;id&gt;.json</c>.
    /// </summary>
    public static async Task<ManifestCatalog> LoadFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, "manifest folder does not exist");
        var files = Directory.EnumerateFiles(folder, "*.json")
            .Where(f => Path.GetFileName(f) != EmbeddedManifests.SchemaFileName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
            throw new DataFormatException(folder, "no manifest (*.json other than schema.json) in this folder");
        var reader = await ManifestReader.CreateAsync(cancellationToken);
        var entries = new List<(DatasetManifest, string)>();
        foreach (var file in files)
        {
            var manifest = await reader.ReadFileAsync(file, cancellationToken);
            RequireFileNamedAfterId(manifest, Path.GetFileName(file), file);
            entries.Add((manifest, file));
        }
        return new ManifestCatalog(entries);
    }

    /// <summary>A catalog holding the manifests of both; an id present in both is an error naming both sources.</summary>
    public ManifestCatalog Merge(ManifestCatalog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ManifestCatalog(_entries.Values.Concat(other._entries.Values));
    }

    /// <summary>The manifest with this id.</summary>
    /// <exception cref="ArgumentException">Unknown id; the message suggests the closest ids and lists all.</exception>
    public DatasetManifest Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (TryGet(id, out var manifest))
            return manifest;
        throw UnknownId(id);
    }

    public bool TryGet(string id, [NotNullWhen(true)] out DatasetManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = _entries.TryGetValue(id, out var entry);
        manifest = found ? entry.Manifest : null;
        return found;
    }

    /// <summary>The file or embedded resource a manifest was read from.</summary>
    public string SourceOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _entries.TryGetValue(id, out var entry) ? entry.Source : throw UnknownId(id);
    }

    private ArgumentException UnknownId(string id) => new(
        $"Unknown dataset '{id}'.{NameSuggestions.DidYouMean(id, Ids)} Known datasets: {string.Join(", ", Ids)}.", nameof(id));

    private static void RequireFileNamedAfterId(DatasetManifest manifest, string fileName, string source)
    {
        if (fileName != manifest.Id + ".json")
            throw new DataFormatException(source, $"the manifest of '{manifest.Id}' must be stored as {manifest.Id}.json", "id");
    }
}
