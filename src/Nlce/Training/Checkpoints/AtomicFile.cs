namespace Nlce.Training.Checkpoints;

/// <summary>Writes a file so that readers see either the old content or the complete new one: a temporary file in the same
/// folder, flushed to disk, then renamed over the target (an atomic replace on POSIX file systems).</summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
