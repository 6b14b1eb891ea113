using System.IO.Compression;

namespace Nlce.Tests.Data.Fetch;

internal static class TestZip
{
    /// <summary>A zip archive whose entries have exactly the given names (no checks, so hostile names are possible).</summary>
    public static byte[] Create(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }
}
