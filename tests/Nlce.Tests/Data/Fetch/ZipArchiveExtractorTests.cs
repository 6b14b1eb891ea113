using Nlce.Data;
using Nlce.Data.Fetch;

namespace Nlce.Tests.Data.Fetch;

public sealed class ZipArchiveExtractorTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Extracts_files_and_folders_with_their_content()
    {
        var archive = _temp.Write("a.zip", TestZip.Create(
            ("top/", []),
            ("top/one.txt", "one"u8.ToArray()),
            ("top/nested/two.bin", TestBytes.Random(5000)),
            ("windows\\style.txt", "w"u8.ToArray())));

        var result = await ZipArchiveExtractor.ExtractAsync(archive, _temp.Combine("out"));

        Assert.Equal(new ZipExtractionResult(FilesWritten: 3, FilesUnchanged: 0), result);
        Assert.Equal("one"u8.ToArray(), File.ReadAllBytes(_temp.Combine("out", "top", "one.txt")));
        Assert.Equal(TestBytes.Random(5000), File.ReadAllBytes(_temp.Combine("out", "top", "nested", "two.bin")));
        Assert.True(File.Exists(_temp.Combine("out", "windows", "style.txt")));
    }

    [Fact]
    public async Task Extracting_again_rewrites_only_missing_or_incomplete_files()
    {
        var archive = _temp.Write("a.zip", TestZip.Create(("one.txt", "one"u8.ToArray()), ("two.txt", "two!"u8.ToArray())));
        await ZipArchiveExtractor.ExtractAsync(archive, _temp.Combine("out"));
        File.WriteAllBytes(_temp.Combine("out", "two.txt"), "tw"u8.ToArray()); // as if interrupted mid-file

        var result = await ZipArchiveExtractor.ExtractAsync(archive, _temp.Combine("out"));

        Assert.Equal(new ZipExtractionResult(FilesWritten: 1, FilesUnchanged: 1), result);
        Assert.Equal("two!"u8.ToArray(), File.ReadAllBytes(_temp.Combine("out", "two.txt")));
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("good/../../evil.txt")]
    [InlineData("..\\evil.txt")]
    [InlineData("/tmp/evil-absolute.txt")]
    [InlineData("C:/evil.txt")]
    [InlineData("\\\\server\\share\\evil.txt")]
    public async Task An_entry_escaping_the_folder_is_refused_and_nothing_is_written(string hostileName)
    {
        var archive = _temp.Write("evil.zip", TestZip.Create(
            ("good.txt", "fine"u8.ToArray()),
            (hostileName, "pwned"u8.ToArray())));
        var outside = Directory.GetFileSystemEntries(_temp.Root, "*", SearchOption.AllDirectories).Order().ToArray();

        var error = await Assert.ThrowsAsync<DataFormatException>(
            () => ZipArchiveExtractor.ExtractAsync(archive, _temp.Combine("out")));

        Assert.Equal(archive, error.Path);
        Assert.Equal($"entry '{hostileName}'", error.Field);
        Assert.Contains(hostileName, error.Message);
        Assert.False(Directory.Exists(_temp.Combine("out")));
        Assert.Equal(outside, Directory.GetFileSystemEntries(_temp.Root, "*", SearchOption.AllDirectories).Order().ToArray());
        Assert.False(File.Exists("/tmp/evil-absolute.txt"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_reported_by_name()
    {
        var archive = _temp.Write("broken.zip", TestBytes.Random(2000));

        var error = await Assert.ThrowsAsync<DataFormatException>(() => ZipArchiveExtractor.ExtractAsync(archive, _temp.Combine("out")));

        Assert.Equal(archive, error.Path);
        Assert.Contains("zip", error.Message);
    }
}
