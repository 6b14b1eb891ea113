using System.Text;

namespace Nlce;

/// <summary>Atomic file writes: the content goes to a temporary file beside the target, which is then renamed over it, so a reader
/// (or a killed run) sees either the old file or the whole new one, never a half-written file.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (with a byte-order mark only when asked) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text, bool byteOrderMark = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoding = new UTF8Encoding(byteOrderMark);
        WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
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
}
