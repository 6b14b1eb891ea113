using System.Text.Json.Serialization;

namespace Nlce.Data.Manifests;

/// <summary>What a downloaded source file is (schema: <c>sources[].archive</c>).</summary>
public enum ArchiveKind
{
    /// <summary>The file itself is data and is saved into <see cref="DataSource.ExtractTo"/>.</summary>
    None,

    /// <summary>A zip archive, extracted into <see cref="DataSource.ExtractTo"/>.</summary>
    Zip,
}

/// <summary>
/// One file to download for a dataset (schema: <c>sources[]</c>). The local file name is the last segment of the URL
/// path. The URL scheme is not restricted here (a manifest built in code may name any absolute URI); the schema and
/// the fetcher accept only http and https.
/// </summary>
public sealed record DataSource
{
    /// <param name="url">Absolute address whose path ends in a file name.</param>
    /// <param name="description">What the file holds.</param>
    /// <param name="archive">Whether the file is a zip archive to extract.</param>
    /// <param name="sha256">Lowercase hex SHA-256 of the file, when published.</param>
    /// <param name="sizeBytes">Size of the file in bytes, when known.</param>
    /// <param name="extractTo">Folder relative to the dataset root that receives the contents ("." = the root).</param>
    public DataSource(Uri url, string description, ArchiveKind archive, string? sha256 = null, long? sizeBytes = null, string extractTo = ".")
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
            throw new ArgumentException($"url '{url}' must be an absolute address.", nameof(url));
        FileName = FileNameOf(url);
        if (!Enum.IsDefined(archive))
            throw new ArgumentOutOfRangeException(nameof(archive), archive, "archive must be zip or none.");
        if (sizeBytes is < 1)
            throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, "sizeBytes must be at least 1 when given.");
        Url = url;
        Description = ManifestRules.RequireText(description, nameof(description));
        Archive = archive;
        Sha256 = ManifestRules.RequireSha256OrNull(sha256, nameof(sha256));
        SizeBytes = sizeBytes;
        ExtractTo = ManifestRules.RequireContainedRelativePath(extractTo, nameof(extractTo));
    }

    public Uri Url { get; }

    public string Description { get; }

    public ArchiveKind Archive { get; }

    public string? Sha256 { get; }

    public long? SizeBytes { get; }

    public string ExtractTo { get; }

    /// <summary>The local file name: the unescaped last segment of the URL path.</summary>
    [JsonIgnore]
    public string FileName { get; }

    private static string FileNameOf(Uri url)
    {
        var name = Uri.UnescapeDataString(url.Segments.Length == 0 ? "" : url.Segments[^1]);
        if (name.Length == 0 || name is "." or ".." || name.EndsWith('/') || name.IndexOfAny(['/', '\\', '\0', ':']) >= 0)
            throw new ArgumentException($"url '{url}' must end in a file name (e.g. .../data.zip).", nameof(url));
        return name;
    }
}
