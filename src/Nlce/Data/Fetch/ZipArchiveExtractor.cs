using System.IO.Compression;

namespace Nlce.Data.Fetch;

/// <summary>How many files an extraction wrote and how many were already in place.</summary>
public sealed record ZipExtractionResult(int FilesWritten, int FilesUnchanged);

/// <summary>
/// Extracts a zip archive (PKWARE APPNOTE; read with System.IO.Compression) into a folder without ever writing outside
/// it. Every entry name is checked before anything is written: an absolute name (leading slash, drive letter, any
/// colon) or one whose <c>..</c> segments resolve outside the folder ("zip-slip") makes the whole archive fail with a
/// <see cref="DataFormatException"/> naming the entry, and nothing is extracted. Backslashes in names are treated as
/// folder separators. A file already present with the entry's uncompressed size is left alone, so extracting again
/// after an interruption only writes what is missing or incomplete.
/// </summary>
public static class ZipArchiveExtractor
{
    public static async Task<ZipExtractionResult> ExtractAsync(
        string archivePath,
        string destinationFolder,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationFolder);
        using var archive = Open(archivePath);
        var root = Path.GetFullPath(destinationFolder);
        var plan = archive.Entries.Select(entry => (Entry: entry, Target: TargetOf(archivePath, root, entry))).ToArray();

        var name = Path.GetFileName(archivePath);
        var total = plan.Where(p => !IsFolder(p.Entry)).Sum(p => p.Entry.Length);
        long done = 0;
        int written = 0, unchanged = 0;
        Directory.CreateDirectory(root);
        foreach (var (entry, target) in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsFolder(entry))
            {
                Directory.CreateDirectory(target);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target) && new FileInfo(target).Length == entry.Length)
            {
                unchanged++;
            }
            else
            {
                await using var input = entry.Open();
                await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await input.CopyToAsync(output, cancellationToken);
                written++;
            }
            done += entry.Length;
            progress?.Report(new FetchProgress(name, FetchStage.Extracting, done, total));
        }
        return new ZipExtractionResult(written, unchanged);
    }

    private static ZipArchive Open(string archivePath)
    {
        try
        {
            return ZipFile.OpenRead(archivePath);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(archivePath, $"not a readable zip archive: {ex.Message}", inner: ex);
        }
    }

    private static bool IsFolder(ZipArchiveEntry entry) => entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');

    /// <summary>The full path an entry extracts to, or an error when that path would not lie inside <paramref name="root"/>.</summary>
    private static string TargetOf(string archivePath, string root, ZipArchiveEntry entry)
    {
        var entryName = entry.FullName;
        var relative = entryName.Replace('\\', '/').TrimEnd('/');
        var field = $"entry '{entryName}'";
        if (relative.Length == 0 || relative.Contains('\0'))
            throw new DataFormatException(archivePath, "has an empty or invalid name; nothing was extracted", field);
        if (relative.StartsWith('/') || relative.Contains(':') || Path.IsPathRooted(relative))
            throw new DataFormatException(archivePath, $"is an absolute path; entries must stay inside {root}; nothing was extracted", field);
        var target = Path.GetFullPath(Path.Combine(root, relative));
        var inside = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!target.StartsWith(inside, StringComparison.Ordinal))
            throw new DataFormatException(
                archivePath, $"would be written to {target}, outside {root} (zip-slip); nothing was extracted", field);
        return target;
    }
}
