using Nlce.Data;
using Nlce.Data.Fetch;
using Nlce.Data.Manifests;

namespace Nlce.Tests.Data.Fetch;

public sealed class ExpectedFilesVerifierTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static DatasetManifest ManifestExpecting(params ExpectedFileSet[] expected) => new(
        "example", "Example", ["Someone 2024."], new DatasetLicence("CC0", "Free.", null), registrationRequired: false,
        sources: [], expectedFiles: expected, new DatasetLayout(DatasetLayoutKind.Folder, "images/ and masks/"),
        new Dictionary<string, SplitDescription> { ["test"] = new(2, "All.") }, "None.");

    [Fact]
    public async Task A_complete_folder_satisfies_counts_sizes_and_hashes()
    {
        _temp.Write("images/a.png", new byte[10]);
        _temp.Write("images/b.PNG", new byte[10]);
        _temp.Write("images/notes.txt", new byte[3]);
        var checksum = _temp.Write("deep/er/checksums.txt", "x"u8.ToArray());
        var manifest = ManifestExpecting(
            new ExpectedFileSet("images/*.png", 2, "Images.", sizeBytes: 10),
            new ExpectedFileSet("**/checksums.txt", 1, "One file.", sha256: TestBytes.Sha256(File.ReadAllBytes(checksum))));

        var report = await ExpectedFilesVerifier.VerifyAsync(manifest, _temp.Root);

        Assert.True(report.IsSatisfied);
        Assert.Equal(["images/a.png", "images/b.PNG"], report.Checks[0].Matches);
        report.ThrowIfUnsatisfied();
    }

    [Fact]
    public async Task Every_problem_is_reported_with_the_pattern()
    {
        _temp.Write("images/a.png", new byte[10]);
        _temp.Write("images/b.png", new byte[9]);
        _temp.Write("one.txt", "y"u8.ToArray());
        var manifest = ManifestExpecting(
            new ExpectedFileSet("images/*.png", 3, "Images.", sizeBytes: 10),
            new ExpectedFileSet("one.txt", 1, "One file.", sha256: new string('0', 64)),
            new ExpectedFileSet("masks/*.png", 2, "Masks."));

        var report = await ExpectedFilesVerifier.VerifyAsync(manifest, _temp.Root);
        var error = Assert.Throws<DataFormatException>(report.ThrowIfUnsatisfied);

        Assert.False(report.IsSatisfied);
        Assert.Equal(_temp.Root, error.Path);
        Assert.Equal("expectedFiles", error.Field);
        Assert.Contains("'images/*.png': matched 2 file(s); expected 3", error.Message);
        Assert.Contains("'images/b.png'", error.Message);
        Assert.Contains(TestBytes.Sha256("y"u8.ToArray()), error.Message);
        Assert.Contains("'masks/*.png': matched 0 file(s); expected 2", error.Message);
    }

    [Fact]
    public async Task A_missing_dataset_folder_is_named()
    {
        var missing = _temp.Combine("nowhere");

        var error = await Assert.ThrowsAsync<DataFormatException>(
            () => ExpectedFilesVerifier.VerifyAsync(ManifestExpecting(new ExpectedFileSet("*.png", 1, "x")), missing));

        Assert.Equal(missing, error.Path);
    }
}
