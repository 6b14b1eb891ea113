namespace Nlce;

/// <summary>Per-user folders of the workbench (XDG base-directory convention).</summary>
public static class UserFolders
{
    /// <summary><c>$XDG_CACHE_HOME/nlce</c>, or <c>~/.cache/nlce</c>: patched native files, prepared datasets.</summary>
    public static string Cache => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "nlce");
}
