using System.Text;

namespace Nlce.Runtime;

/// <summary>Finds the system's <c>libstdc++.so.6</c> and tells which GLIBCXX symbol versions it defines.</summary>
public static class LibStdCxxProbe
{
    private static readonly string[] SearchFolders =
    [
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
    ];

    /// <summary>
    /// The libstdc++ this process uses: the one already mapped into it if any (the .NET host links it), else the
    /// first found in the usual library folders. Null when none is found.
    /// </summary>
    public static string? Locate()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash >= 0 && Path.GetFileName(line[slash..]).StartsWith("libstdc++.so.6", StringComparison.Ordinal))
                    return line[slash..];
            }
        }
        catch (IOException)
        {
            // No /proc (not Linux): fall through to the folder search.
        }
        return SearchFolders.Select(f => Path.Combine(f, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }

    /// <summary>True when the library file's version definitions include <paramref name="version"/> (e.g. GLIBCXX_3.4.32).</summary>
    public static bool Defines(string libraryPath, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var bytes = File.ReadAllBytes(libraryPath);
        // Version names live in .dynstr as NUL-terminated strings; a preceding NUL rules out suffix matches.
        for (int at = bytes.AsSpan().IndexOf(needle); at >= 0;)
        {
            if (at == 0 || bytes[at - 1] == 0)
                return true;
            int next = bytes.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }
}
