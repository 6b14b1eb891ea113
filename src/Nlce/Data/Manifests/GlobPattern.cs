using System.Text;
using System.Text.RegularExpressions;

namespace Nlce.Data.Manifests;

/// <summary>
/// A file pattern of <c>expectedFiles[].pattern</c> (data-manifests/schema.json), matched against paths relative to the
/// dataset root with <c>/</c> between folders: <c>*</c> matches any run of characters within one folder level,
/// <c>?</c> one character, and a whole <c>**</c> level any number of levels (including none). Everything else matches
/// itself, case-insensitively (dataset copies differ in case, e.g. ISIC <c>_Segmentation</c>/<c>_segmentation</c>).
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    public GlobPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        _regex = new Regex(ToRegex(pattern.Replace('\\', '/')), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    /// <summary>True when <paramref name="relativePath"/> (either slash) matches the whole pattern.</summary>
    public bool IsMatch(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return _regex.IsMatch(relativePath.Replace('\\', '/'));
    }

    public override string ToString() => Pattern;

    private static string ToRegex(string pattern)
    {
        var levels = pattern.Split('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < levels.Length; i++)
        {
            var last = i == levels.Length - 1;
            if (levels[i] == "**")
            {
                regex.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            foreach (var c in levels[i])
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            if (!last)
                regex.Append('/');
        }
        return regex.Append('$').ToString();
    }
}
