using System.Globalization;

namespace Nlce.Data.Readers;

/// <summary>
/// A dataset's <c>split.csv</c>: a header line <c>name,split</c>, then one <c>name,split</c> line per sample (or per
/// volume for NIfTI datasets) with split train, val or test (case-insensitive). Plain comma-separated values
/// without quoting; blank lines are skipped. Every known name must appear exactly once, and only known names may.
/// </summary>
public static class SplitFile
{
    /// <summary>The file name datasets look for in their root folder.</summary>
    public const string FileName = "split.csv";

    /// <summary>Reads <paramref name="path"/> and checks it against the dataset's <paramref name="knownNames"/>.</summary>
    /// <exception cref="DataFormatException">
    /// Bad header, wrong field count, unknown name or split value, duplicate name (the field names the line), or
    /// names without a row.
    /// </exception>
    public static IReadOnlyDictionary<string, DatasetSplit> Read(string path, IReadOnlyCollection<string> knownNames)
    {
        ArgumentNullException.ThrowIfNull(knownNames);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be read ({e.Message}).", inner: e);
        }

        var known = new HashSet<string>(knownNames, StringComparer.Ordinal);
        var splits = new Dictionary<string, DatasetSplit>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerSeen = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].Trim();
            if (line.Length == 0)
                continue;
            var field = $"line {lineNumber}";
            var cells = line.Split(',');
            if (!headerSeen)
            {
                if (cells.Length != 2 || !cells[0].Trim().Equals("name", StringComparison.OrdinalIgnoreCase)
                                      || !cells[1].Trim().Equals("split", StringComparison.OrdinalIgnoreCase))
                    throw new DataFormatException(path, $"header is '{line}'; expected 'name,split'.", field);
                headerSeen = true;
                continue;
            }
            if (cells.Length != 2)
                throw new DataFormatException(path, $"has {cells.Length} comma-separated fields; expected 2 (name,split).", field);
            var name = cells[0].Trim();
            var value = cells[1].Trim();
            if (!known.Contains(name))
                throw new DataFormatException(
                    path, $"name '{name}' matches no sample of the dataset (known names include {Preview(known)}).", field);
            if (lineOf.TryGetValue(name, out var earlier))
                throw new DataFormatException(path, $"name '{name}' is already listed on line {earlier}.", field);
            splits[name] = ParseSplit(value, path, field);
            lineOf[name] = lineNumber;
        }
        if (!headerSeen)
            throw new DataFormatException(path, "is empty; expected a header 'name,split' and one line per sample.", "line 1");
        var missing = known.Where(n => !splits.ContainsKey(n)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
            throw new DataFormatException(
                path, $"gives no split for {missing.Length} sample(s): {Preview(missing)}; every sample must be listed.");
        return splits;
    }

    private static DatasetSplit ParseSplit(string value, string path, string field) => value.ToLowerInvariant() switch
    {
        "train" => DatasetSplit.Train,
        "val" => DatasetSplit.Val,
        "test" => DatasetSplit.Test,
        _ => throw new DataFormatException(path, $"split '{value}' is not one of train, val, test.", field),
    };

    private static string Preview(IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.Ordinal).ToArray();
        var shown = string.Join(", ", sorted.Take(5).Select(n => $"'{n}'"));
        return sorted.Length > 5 ? $"{shown} … ({sorted.Length.ToString(CultureInfo.InvariantCulture)} in all)" : shown;
    }
}
