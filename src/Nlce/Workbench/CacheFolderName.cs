using System.Security.Cryptography;
using System.Text;

namespace Nlce.Workbench;

/// <summary>
/// File-name-safe folder names for the notebook cache (issue 7: "checkpoints and results are cached under a configurable
/// folder"): each part kept readable (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; at most 40 characters), joined with
/// <c>__</c>, then a hash of the exact parts, so two keys that differ only in characters the readable part drops still get
/// different folders.
/// </summary>
internal static class CacheFolderName
{
    private const int MaxReadablePart = 40;

    /// <summary>The folder name of <paramref name="parts"/>, the last of which is written as <c>seed&lt;n&gt;</c>.</summary>
    public static string Of(IReadOnlyList<string> parts, int seed)
    {
        string exact = string.Join("\n", parts.Append(seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(exact)))[..8];
        return string.Join("__", parts.Select(Readable)) + $"__seed{seed}__{hash}";
    }

    private static string Readable(string part)
    {
        var safe = new string(part.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length > MaxReadablePart ? safe[..MaxReadablePart] : safe;
    }
}
