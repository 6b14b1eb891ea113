namespace Nlce.Data.Manifests;

/// <summary>
/// Files a complete copy of a dataset contains (schema: <c>expectedFiles[]</c>): a glob pattern relative to the dataset
/// root (see <see cref="GlobPattern"/>), the exact number of files it matches, and optionally the size every match
/// has or, for a single file, its SHA-256.
/// </summary>
public sealed record ExpectedFileSet
{
    public ExpectedFileSet(string pattern, int count, string description, long? sizeBytes = null, string? sha256 = null)
    {
        Pattern = ManifestRules.RequireContainedRelativePath(pattern, nameof(pattern));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (sizeBytes is < 0)
            throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, "sizeBytes must not be negative.");
        Sha256 = ManifestRules.RequireSha256OrNull(sha256, nameof(sha256));
        if (sha256 is not null && count != 1)
            throw new ArgumentException(
                $"sha256 is only allowed on a pattern that matches exactly one file; '{pattern}' expects {count}.", nameof(sha256));
        Count = count;
        Description = ManifestRules.RequireText(description, nameof(description));
        SizeBytes = sizeBytes;
    }

    public string Pattern { get; }

    public int Count { get; }

    public string Description { get; }

    public long? SizeBytes { get; }

    public string? Sha256 { get; }
}
