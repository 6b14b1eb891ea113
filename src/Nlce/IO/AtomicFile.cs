using System.Text;

namespace Nlce;

/// <summary>Atomic file writes: the content goes to a temporary file beside the target, is flushed to disk, and is then renamed
/// over the target (an atomic replace on POSIX file systems), so a reader — or a killed run — sees either the old file or the
/// whole new one, never a half-written file.</summary>
public static class AtomicFile
{
    /// <summary>Writes whatever <paramref name="write"/> puts into the stream to <paramref name="path"/> atomically (parent folders are created).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (with a byte-order mark only when asked) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text, bool byteOrderMark = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoding = new UTF8Encoding(byteOrderMark);
        WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
    }
}
