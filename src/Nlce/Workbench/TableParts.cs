using Microsoft.Data.Analysis;

namespace Nlce.Workbench;

/// <summary>The pieces the notebook tables (<see cref="ScoreTables"/>, <see cref="RobustnessTables"/>) share: rounded score columns and
/// the check that a table has rows to show.</summary>
internal static class TableParts
{
    /// <summary>Decimals kept in score columns: enough to tell DIC apart at the third decimal, short enough to read.</summary>
    public const int Decimals = 4;

    /// <summary>A column of <paramref name="values"/> rounded to <see cref="Decimals"/>.</summary>
    public static DoubleDataFrameColumn Column(string name, IEnumerable<double> values) =>
        new(name, values.Select(v => Math.Round(v, Decimals)));

    /// <summary>The rows as a list; throws when <paramref name="rows"/> is null or empty, naming the argument <paramref name="name"/>.</summary>
    public static List<T> Require<T>(IEnumerable<T> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        var list = rows.ToList();
        if (list.Count == 0)
            throw new ArgumentException("no rows for the table; expected at least one.", name);
        return list;
    }
}
