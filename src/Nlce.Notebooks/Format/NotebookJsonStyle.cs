namespace Nlce.Notebooks.Format;

/// <summary>
/// How a notebook file lays out its JSON: indentation width, line ending, whether the file ends with a line ending,
/// and whether it starts with a UTF-8 byte-order mark. Jupyter (nbformat's <c>json.dumps(indent=1)</c>) and Polyglot
/// Notebooks (System.Text.Json output re-indented to one space) both write one-space indentation and "\n"; a notebook
/// read from disk keeps the style it was written in so an untouched notebook is written back byte for byte.
/// </summary>
public sealed record NotebookJsonStyle
{
    /// <summary>The style Jupyter writes: one space per level, "\n", a final line ending, no BOM.</summary>
    public static NotebookJsonStyle Jupyter { get; } = new(1, "\n", finalNewLine: true, byteOrderMark: false);

    public NotebookJsonStyle(int indent, string newLine, bool finalNewLine, bool byteOrderMark)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(indent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(indent, 8);
        if (newLine is not ("\n" or "\r\n"))
            throw new ArgumentException($"newLine must be \"\\n\" or \"\\r\\n\"; got {newLine.Length} characters.", nameof(newLine));
        Indent = indent;
        NewLine = newLine;
        FinalNewLine = finalNewLine;
        ByteOrderMark = byteOrderMark;
    }

    /// <summary>Spaces per nesting level.</summary>
    public int Indent { get; }

    /// <summary>"\n" or "\r\n".</summary>
    public string NewLine { get; }

    /// <summary>Whether the text ends with <see cref="NewLine"/> after the closing brace.</summary>
    public bool FinalNewLine { get; }

    /// <summary>Whether the file starts with a UTF-8 byte-order mark.</summary>
    public bool ByteOrderMark { get; }

    /// <summary>Detects the style of notebook text as read from a file (after any BOM was removed).</summary>
    public static NotebookJsonStyle Detect(string text, bool byteOrderMark)
    {
        ArgumentNullException.ThrowIfNull(text);
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var indent = 1;
        var firstBreak = text.IndexOf('\n');
        if (firstBreak >= 0)
        {
            var spaces = 0;
            while (firstBreak + 1 + spaces < text.Length && text[firstBreak + 1 + spaces] == ' ')
                spaces++;
            if (spaces is >= 1 and <= 8)
                indent = spaces;
        }
        var trimmed = text.TrimEnd(' ');
        var finalNewLine = trimmed.EndsWith('\n');
        return new NotebookJsonStyle(indent, newLine, finalNewLine, byteOrderMark);
    }
}
