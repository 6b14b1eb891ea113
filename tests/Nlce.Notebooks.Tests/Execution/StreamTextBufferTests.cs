using Nlce.Notebooks.Execution;

namespace Nlce.Notebooks.Tests.Execution;

public class StreamTextBufferTests
{
    [Theory]
    [InlineData(new[] { "a\rb" }, "b")]
    [InlineData(new[] { "10%\r", "50%\r", "100%\n", "done\n" }, "100%\ndone\n")]
    [InlineData(new[] { "x\r", "\ny" }, "x\r\ny")]
    [InlineData(new[] { "progress\r" }, "progress")]
    [InlineData(new[] { "one\r\ntwo\n" }, "one\r\ntwo\n")]
    public void Carriage_returns_redraw_the_line(string[] writes, string expected)
    {
        var buffer = new StreamTextBuffer(StreamLimits.Default, "stdout");
        foreach (var write in writes)
            buffer.Append(write);
        Assert.Equal(expected, buffer.ToString());
        Assert.Equal(0, buffer.CutCharacters);
    }

    [Fact]
    public void Head_and_tail_are_kept_with_a_note_of_what_was_cut()
    {
        var buffer = new StreamTextBuffer(new StreamLimits(10, 6), "stdout");
        buffer.Append("aaaa\nbbbb\ncccc\ndddd\neeee\n");
        var text = buffer.ToString();
        Assert.StartsWith("aaaa\nbbbb\n", text);
        Assert.EndsWith("eeee\n", text);
        Assert.Contains("[nlce: 10 characters (2 whole lines) of stdout were cut here", text);
        Assert.Equal(10, buffer.CutCharacters);
    }

    [Fact]
    public void An_endless_line_does_not_grow_without_bound()
    {
        var buffer = new StreamTextBuffer(new StreamLimits(100, 50), "stderr");
        for (var i = 0; i < 10_000; i++)
            buffer.Append("0123456789");
        Assert.True(buffer.ToString().Length < 400);
        Assert.True(buffer.CutCharacters > 99_000);
    }

    [Fact]
    public void Limits_reject_nonsense() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamLimits(0, 10));
}
