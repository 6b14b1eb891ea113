using System.Text;
using Nlce.Notebooks.Format;

namespace Nlce.Notebooks.Tests.Format;

public class JupyterJsonWriterTests
{
    // Expected strings are Python's repr of the same double, which is what nbformat writes.
    [Theory]
    [InlineData(1.5e-05, "1.5e-05")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.0, "-2.0")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e16, "1e+16")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(1.2345678901234567e+20, "1.2345678901234567e+20")]
    [InlineData(0.0, "0.0")]
    public void Doubles_are_written_like_python_repr(double value, string expected) =>
        Assert.Equal(expected, JupyterJsonWriter.FormatDouble(value));

    [Fact]
    public void Non_finite_doubles_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JupyterJsonWriter.FormatDouble(double.NaN));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\nnl\r", "\"tab\\there\\nnl\\r\"")]
    [InlineData("\u001b[0m\u0001", "\"\\u001b[0m\\u0001\"")]
    [InlineData("ü ✓ <b>&</b> \u2028", "\"ü ✓ <b>&</b> \u2028\"")]
    public void Strings_are_escaped_like_nbformat(string value, string expected)
    {
        var text = new StringBuilder();
        JupyterJsonWriter.WriteString(text, value);
        Assert.Equal(expected, text.ToString());
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\nb", new[] { "a\n", "b" })]
    [InlineData("a\r\nb\rc\n", new[] { "a\r\n", "b\r", "c\n" })]
    [InlineData("x\u2028y\fz", new[] { "x\u2028", "y\f", "z" })]
    public void Lines_split_like_python_splitlines_keepends(string text, string[] expected)
    {
        Assert.Equal(expected, MultilineText.SplitLines(text));
        Assert.Equal(text, string.Concat(MultilineText.SplitLines(text)));
    }

    [Fact]
    public void Style_is_detected_from_the_text()
    {
        var style = NotebookJsonStyle.Detect("{\r\n  \"a\": 1\r\n}", byteOrderMark: false);
        Assert.Equal((2, "\r\n", false), (style.Indent, style.NewLine, style.FinalNewLine));
    }
}
