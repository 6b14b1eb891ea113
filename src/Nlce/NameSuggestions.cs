namespace Nlce;

/// <summary>
/// "Did you mean …" suggestions: among the known names within a small Levenshtein distance of a misspelt one
/// (case-insensitive), or containing it, or contained in it (so <c>jsrt</c> suggests <c>jsrt-scr</c>), those at the
/// smallest distance.
/// </summary>
public static class NameSuggestions
{
    /// <summary>The known names closest to <paramref name="input"/>; empty when none is close.</summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> known)
    {
        var needle = input.ToLowerInvariant();
        var limit = Math.Max(2, needle.Length / 3);
        var scored = known
            .Select(name => (name, distance: Distance(needle, name.ToLowerInvariant())))
            .Where(c => c.distance <= limit || Overlaps(needle, c.name.ToLowerInvariant()))
            .ToList();
        if (scored.Count == 0)
            return [];
        var best = scored.Min(c => c.distance);
        return scored.Where(c => c.distance == best).Select(c => c.name).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>" Did you mean 'x'?" (with a leading space) when there is a suggestion, else an empty string.</summary>
    public static string DidYouMean(string input, IEnumerable<string> known)
    {
        var suggestions = Closest(input, known);
        return suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
    }

    private static bool Overlaps(string a, string b) => a.Length >= 3 && b.Length >= 3 && (a.Contains(b) || b.Contains(a));

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
