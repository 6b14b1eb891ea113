using System.Text.RegularExpressions;

namespace Nlce.Data.Manifests;

/// <summary>
/// The value rules of <c>data-manifests/schema.json</c> that the manifest records re-check in their constructors, so a
/// manifest built in code obeys the same rules as one read from a file.
/// </summary>
internal static partial class ManifestRules
{
    /// <summary>Lowercase letters and digits in dash-separated words (schema: <c>id</c>, split names).</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex Identifier();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    public static string RequireText(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{paramName} must be non-empty text.", paramName);
        return value;
    }

    public static string RequireIdentifier(string? value, string paramName)
    {
        if (value is null || !Identifier().IsMatch(value))
            throw new ArgumentException(
                $"{paramName} '{value}' must be lowercase letters and digits in dash-separated words (e.g. 'jsrt-scr').", paramName);
        return value;
    }

    public static string? RequireSha256OrNull(string? value, string paramName)
    {
        if (value is not null && !Sha256Hex().IsMatch(value))
            throw new ArgumentException($"{paramName} '{value}' must be 64 lowercase hexadecimal digits.", paramName);
        return value;
    }

    /// <summary>
    /// A path relative to a dataset root that cannot leave it: not empty, not absolute, no drive or URL colon,
    /// no <c>..</c> segment (schema: <c>extractTo</c>, <c>expectedFiles[].pattern</c>).
    /// </summary>
    public static string RequireContainedRelativePath(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{paramName} must be a non-empty path relative to the dataset root.", paramName);
        if (value[0] is '/' or '\\' || value.Contains(':') || value.Contains('\0'))
            throw new ArgumentException(
                $"{paramName} '{value}' must be relative to the dataset root (no leading slash, drive or colon).", paramName);
        if (value.Split('/', '\\').Contains(".."))
            throw new ArgumentException($"{paramName} '{value}' must not contain a '..' segment.", paramName);
        return value;
    }

    public static IReadOnlyList<T> RequireItems<T>(IEnumerable<T>? items, string paramName, bool allowEmpty)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        var copy = items.ToArray();
        if (!allowEmpty && copy.Length == 0)
            throw new ArgumentException($"{paramName} must have at least one entry.", paramName);
        for (var i = 0; i < copy.Length; i++)
            if (copy[i] is null)
                throw new ArgumentException($"{paramName}[{i}] is null.", paramName);
        return copy;
    }
}
