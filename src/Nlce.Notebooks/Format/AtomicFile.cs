using System.Text;

namespace Nlce.Notebooks.Format;

/// <summary>
/// Replaces a file in one step: the content goes to a temporary file in the same folder, is flushed to disk, and is
/// then renamed over the target, so a reader (or a run killed mid-write) sees either the old or the new file, never
/// half of one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> as UTF-8 (with a BOM when asked) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string content, bool byteOrderMark = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (byteOrderMark)
                    stream.Write(Encoding.UTF8.GetPreamble());
                stream.Write(new UTF8Encoding(false).GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
