namespace Nlce.Data.Formats;

/// <summary>
/// Whole-file reads for the format readers. Any I/O failure (missing file, permission, device error) becomes a
/// <see cref="DataFormatException"/> that names the file, so callers handle one exception type for bad inputs.
/// </summary>
internal static class DataFile
{
    /// <summary>Reads every byte of <paramref name="path"/>.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be read ({e.Message}).", inner: e);
        }
    }

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    public static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be read ({e.Message}).", inner: e);
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or fails with a "truncated" error.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        try
        {
            var done = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (done < buffer.Length)
                throw new DataFormatException(path, $"truncated: {what} needs {buffer.Length} bytes but only {done} were found.");
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new DataFormatException(path, $"cannot be read ({e.Message}).", inner: e);
        }
    }
}
