namespace Nlce.Data.Readers;

/// <summary>
/// File-system listing shared by the dataset readers: folders must exist, listings are sorted (ordinal) so sample
/// order never depends on the file system, and hidden entries (names starting with '.') are skipped.
/// </summary>
internal static class DatasetFolder
{
    /// <summary>Fails with an error naming <paramref name="path"/> when the folder is missing.</summary>
    public static void RequireExists(string path, string expectation)
    {
        if (!Directory.Exists(path))
            throw new DataFormatException(path, $"folder not found; {expectation}");
    }

    /// <summary>The visible files directly inside <paramref name="folder"/>, sorted by file name.</summary>
    public static IReadOnlyList<string> VisibleFiles(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(folder, $"cannot be listed ({e.Message}).", inner: e);
        }
    }

    /// <summary>The error for a <paramref name="sample"/> that is not part of the dataset <paramref name="spec"/>.</summary>
    public static ArgumentException UnknownSample(SampleRef sample, string spec) =>
        new($"sample '{sample.Name}' ({sample.Split}) is not part of dataset '{spec}'.", nameof(sample));
}
