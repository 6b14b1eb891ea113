using Nlce.Data;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data.Readers;

public sealed class SplitFileTests : IDisposable
{
    private static readonly string[] Known = ["a", "b", "c"];
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_every_split_value_case_insensitively_and_skips_blank_lines()
    {
        var path = Write("Name,Split\r\na,train\n\nb, VAL \nc,Test\n\n");
        var splits = SplitFile.Read(path, Known);
        Assert.Equal(DatasetSplit.Train, splits["a"]);
        Assert.Equal(DatasetSplit.Val, splits["b"]);
        Assert.Equal(DatasetSplit.Test, splits["c"]);
    }

    public static TheoryData<string, string?, string> BadFiles => new()
    {
        // content, field, text the message must contain
        { "file,split\na,train\nb,train\nc,test\n", "line 1", "expected 'name,split'" },
        { "name,split\na,train\nb,holdout\nc,test\n", "line 3", "'holdout' is not one of train, val, test" },
        { "name,split\na,train\nd,test\nb,train\nc,test\n", "line 3", "'d' matches no sample" },
        { "name,split\na,train\na,test\nb,train\nc,test\n", "line 3", "already listed on line 2" },
        { "name,split\na,train,extra\nb,train\nc,test\n", "line 2", "3 comma-separated fields" },
        { "name,split\na,train\nb,train\n", null, "no split for 1 sample(s): 'c'" },
        { "", "line 1", "is empty" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_files_are_rejected_naming_the_file_and_line(string content, string? field, string expected)
    {
        var path = Write(content);

        var error = Assert.Throws<DataFormatException>(() => SplitFile.Read(path, Known));

        Assert.Equal(path, error.Path);
        Assert.Equal(field, error.Field);
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    private string Write(string content)
    {
        var path = _folder.File(SplitFile.FileName);
        File.WriteAllText(path, content);
        return path;
    }
}
