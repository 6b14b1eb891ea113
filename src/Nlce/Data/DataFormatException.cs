namespace Nlce.Data;

/// <summary>
/// A data file or manifest that cannot be used. The message always names the file, the field or property at fault
/// (where there is one) and what was expected, so a user can fix the input without reading the code.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string path, string problem, string? field = null, Exception? inner = null)
        : base(Compose(path, problem, field), inner)
    {
        Path = path;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }

    /// <summary>The field, property or header entry at fault, when there is one.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, and what was expected.</summary>
    public string Problem { get; }

    private static string Compose(string path, string problem, string? field) =>
        field is null ? $"{path}: {problem}" : $"{path}: {field}: {problem}";
}
