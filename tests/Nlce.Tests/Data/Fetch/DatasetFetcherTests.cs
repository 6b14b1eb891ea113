using Nlce.Data;
using Nlce.Data.Fetch;
using Nlce.Data.Manifests;

namespace Nlce.Tests.Data.Fetch;

public sealed class DatasetFetcherTests : IDisposable
{
    private static readonly FetchOptions Quick = new(maxAttempts: 2, retryDelay: TimeSpan.Zero);

    private readonly TemporaryFolder _temp = new();
    private readonly HttpClient _http = TestBytes.Client();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    private static DatasetManifest Manifest(IReadOnlyList<DataSource> sources, params ExpectedFileSet[] expected) => new(
        "example", "Example", ["Someone 2024."], new DatasetLicence("CC0", "Free.", new Uri("https://example.org/terms")),
        registrationRequired: false, sources, expected, new DatasetLayout(DatasetLayoutKind.Folder, "data/ and docs/"),
        new Dictionary<string, SplitDescription> { ["test"] = new(2, "All.") }, "None.");

    [Fact]
    public async Task Fetch_downloads_extracts_checks_and_a_second_run_downloads_nothing()
    {
        await using var server = new LoopbackFileServer();
        var image = TestBytes.Random(4000);
        var zipUrl = server.Serve("archive.zip", TestZip.Create(("top/a.png", image), ("top/b.png", image)));
        var readme = "read me"u8.ToArray();
        var readmeUrl = server.Serve("readme.txt", readme);
        var manifest = Manifest(
            [
                new DataSource(zipUrl, "Images.", ArchiveKind.Zip, extractTo: "data"),
                new DataSource(readmeUrl, "Notes.", ArchiveKind.None, sha256: TestBytes.Sha256(readme), extractTo: "docs"),
            ],
            new ExpectedFileSet("data/top/*.png", 2, "Images.", sizeBytes: 4000),
            new ExpectedFileSet("docs/readme.txt", 1, "Notes.", sha256: TestBytes.Sha256(readme)));
        var fetcher = new DatasetFetcher(_http, Quick);

        var first = await fetcher.FetchAsync(manifest, _temp.Root);

        Assert.Equal(image, File.ReadAllBytes(_temp.Combine("data", "top", "b.png")));
        Assert.Equal(readme, File.ReadAllBytes(_temp.Combine("docs", "readme.txt")));
        Assert.True(File.Exists(_temp.Combine(DatasetFetcher.DownloadsFolder, "archive.zip")));
        Assert.Equal(_temp.Combine("data"), first.Sources[0].ExtractedTo);
        Assert.Null(first.Sources[1].ExtractedTo);
        Assert.True(first.ExpectedFiles!.IsSatisfied);
        Assert.All(first.Sources, s => Assert.False(s.Download.AlreadyPresent));
        Assert.Equal(2, server.Requests.Count);

        var second = await fetcher.FetchAsync(manifest, _temp.Root);

        Assert.Equal(new ZipExtractionResult(FilesWritten: 2, FilesUnchanged: 0), first.Sources[0].Extraction);
        Assert.All(second.Sources, s => Assert.True(s.Download.AlreadyPresent));
        Assert.Equal(new ZipExtractionResult(FilesWritten: 0, FilesUnchanged: 2), second.Sources[0].Extraction);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_fetched_folder_that_misses_expected_files_is_an_error()
    {
        await using var server = new LoopbackFileServer();
        var zipUrl = server.Serve("archive.zip", TestZip.Create(("wrong-folder/a.png", [1, 2, 3])));
        var manifest = Manifest([new DataSource(zipUrl, "Images.", ArchiveKind.Zip)], new ExpectedFileSet("images/*.png", 1, "Images."));

        var error = await Assert.ThrowsAsync<DataFormatException>(() => new DatasetFetcher(_http, Quick).FetchAsync(manifest, _temp.Root));

        Assert.Equal(_temp.Root, error.Path);
        Assert.Contains("'images/*.png': matched 0 file(s); expected 1", error.Message);
    }

    [Fact]
    public async Task A_non_http_source_is_refused_before_anything_is_downloaded()
    {
        await using var server = new LoopbackFileServer();
        var manifest = Manifest(
            [
                new DataSource(server.Serve("first.txt", [1]), "Fine.", ArchiveKind.None),
                new DataSource(new Uri("ftp://example.org/second.txt"), "Not http.", ArchiveKind.None),
            ]);

        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => new DatasetFetcher(_http, Quick).FetchAsync(manifest, _temp.Root));

        Assert.Equal("example", error.DatasetId);
        Assert.Contains("ftp://example.org/second.txt", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_dataset_that_needs_registration_is_refused_with_where_to_register_and_where_to_put_files()
    {
        var jsrt = (await ManifestCatalog.LoadEmbeddedAsync()).Get("jsrt-scr");
        var root = _temp.Combine("jsrt");

        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => new DatasetFetcher(_http, Quick).FetchAsync(jsrt, root));

        Assert.Contains("http://db.jsrt.or.jp/eng.php", error.Message);
        Assert.Contains($"{root}/All247images/", error.Message);
        Assert.Contains("All247images/JPCLN*.IMG (154 file(s))", error.Message);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task A_phantom_dataset_is_refused_as_there_is_nothing_to_download()
    {
        var phantom = (await ManifestCatalog.LoadEmbeddedAsync()).Get("phantom-skin");

        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => new DatasetFetcher(_http, Quick).FetchAsync(phantom, _temp.Root));

        Assert.Contains("generated", error.Message);
    }
}
