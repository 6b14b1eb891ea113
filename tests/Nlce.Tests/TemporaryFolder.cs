namespace Nlce.Tests;

/// <summary>A fresh folder under the system temp path, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "nlce-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The absolute path of <paramref name="relative"/> inside the folder, with its parent folders created.</summary>
    public string File(string relative)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>The absolute path of <paramref name="parts"/> joined under the folder (nothing is created).</summary>
    public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes a file (creating folders) and returns its full path.</summary>
    public string Write(string relative, byte[] content)
    {
        var path = File(relative);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
