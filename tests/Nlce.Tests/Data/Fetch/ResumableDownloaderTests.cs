using System.Net;
using Nlce.Data;
using Nlce.Data.Fetch;

namespace Nlce.Tests.Data.Fetch;

public sealed class ResumableDownloaderTests : IDisposable
{
    private const int Size = 300_000;
    private static readonly FetchOptions OneAttempt = new(maxAttempts: 1, retryDelay: TimeSpan.Zero);
    private static readonly FetchOptions TwoAttempts = new(maxAttempts: 2, retryDelay: TimeSpan.Zero);

    private readonly TemporaryFolder _temp = new();
    private readonly HttpClient _http = TestBytes.Client();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Full_download_writes_the_exact_bytes_and_leaves_no_side_files()
    {
        await using var server = new LoopbackFileServer();
        var content = TestBytes.Random(Size);
        var url = server.Serve("data.bin", content);
        var destination = _temp.Combine("sub", "data.bin");

        var result = await new ResumableDownloader(_http, OneAttempt).DownloadAsync(url, destination);

        Assert.Equal(content, File.ReadAllBytes(destination));
        Assert.Equal(TestBytes.Sha256(content), result.Sha256);
        Assert.Equal(Size, result.SizeBytes);
        Assert.False(result.AlreadyPresent);
        Assert.Equal(["data.bin"], Directory.GetFiles(_temp.Combine("sub")).Select(Path.GetFileName));
        Assert.Null(Assert.Single(server.Requests).Range);
    }

    [Fact]
    public async Task Interrupted_download_keeps_the_part_and_the_next_run_asks_only_for_the_rest()
    {
        await using var server = new LoopbackFileServer();
        var content = TestBytes.Random(Size);
        var url = server.Serve("data.bin", content);
        var destination = _temp.Combine("data.bin");
        var downloader = new ResumableDownloader(_http, OneAttempt);
        server.DropNextResponses(1, afterBytes: 100_000);

        var failure = await Assert.ThrowsAsync<IOException>(() => downloader.DownloadAsync(url, destination));
        Assert.Contains("data.bin.part", failure.Message);
        Assert.False(File.Exists(destination));
        var kept = new FileInfo(destination + ".part").Length;
        Assert.InRange(kept, 1, 100_000);
        Assert.Equal(content.AsSpan(0, (int)kept).ToArray(), File.ReadAllBytes(destination + ".part"));

        var result = await downloader.DownloadAsync(url, destination, TestBytes.Sha256(content));

        Assert.Equal(content, File.ReadAllBytes(destination));
        Assert.False(result.AlreadyPresent);
        Assert.False(File.Exists(destination + ".part"));
        var resumed = server.Requests[1];
        Assert.Equal($"bytes={kept}-", resumed.Range);
        Assert.Equal(206, resumed.StatusCode);
        Assert.Equal("\"v1\"", resumed.IfRange);
    }

    [Fact]
    public async Task A_retry_within_one_call_resumes_from_the_part()
    {
        await using var server = new LoopbackFileServer();
        var content = TestBytes.Random(Size);
        var url = server.Serve("data.bin", content);
        server.DropNextResponses(1, afterBytes: 50_000);

        await new ResumableDownloader(_http, TwoAttempts).DownloadAsync(url, _temp.Combine("data.bin"));

        Assert.Equal(content, File.ReadAllBytes(_temp.Combine("data.bin")));
        Assert.Equal(2, server.Requests.Count);
        Assert.StartsWith("bytes=", server.Requests[1].Range);
        Assert.Equal(206, server.Requests[1].StatusCode);
    }

    [Fact]
    public async Task A_server_without_range_support_makes_the_download_restart_cleanly()
    {
        await using var server = new LoopbackFileServer(supportsRange: false);
        var content = TestBytes.Random(Size);
        var url = server.Serve("data.bin", content);
        var destination = _temp.Combine("data.bin");
        var downloader = new ResumableDownloader(_http, OneAttempt);
        server.DropNextResponses(1, afterBytes: 120_000);
        await Assert.ThrowsAsync<IOException>(() => downloader.DownloadAsync(url, destination));
        Assert.True(new FileInfo(destination + ".part").Length > 0);

        await downloader.DownloadAsync(url, destination, TestBytes.Sha256(content));

        Assert.Equal(content, File.ReadAllBytes(destination)); // not the old part followed by the whole file
        Assert.NotNull(server.Requests[1].Range);
        Assert.Equal(200, server.Requests[1].StatusCode);
    }

    [Fact]
    public async Task A_file_that_changed_on_the_server_is_downloaded_again_instead_of_stitched()
    {
        await using var server = new LoopbackFileServer();
        var url = server.Serve("data.bin", TestBytes.Random(Size, seed: 1));
        var destination = _temp.Combine("data.bin");
        var downloader = new ResumableDownloader(_http, OneAttempt);
        server.DropNextResponses(1, afterBytes: 100_000);
        await Assert.ThrowsAsync<IOException>(() => downloader.DownloadAsync(url, destination));
        var changed = TestBytes.Random(Size, seed: 2);
        server.Serve("data.bin", changed);

        await downloader.DownloadAsync(url, destination);

        Assert.Equal(changed, File.ReadAllBytes(destination));
        Assert.Equal("\"v1\"", server.Requests[1].IfRange);
        Assert.Equal(200, server.Requests[1].StatusCode);
    }

    [Fact]
    public async Task Sha256_mismatch_names_file_and_both_hashes_and_quarantines_the_bytes()
    {
        await using var server = new LoopbackFileServer();
        var content = TestBytes.Random(Size);
        var url = server.Serve("data.bin", content);
        var destination = _temp.Combine("data.bin");
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<DataFormatException>(
            () => new ResumableDownloader(_http, OneAttempt).DownloadAsync(url, destination, wrong));

        Assert.Equal(destination, error.Path);
        Assert.Equal("sha256", error.Field);
        Assert.Contains(wrong, error.Message);
        Assert.Contains(TestBytes.Sha256(content), error.Message);
        Assert.False(File.Exists(destination));
        Assert.False(File.Exists(destination + ".part"));
        Assert.Equal(content, File.ReadAllBytes(destination + ".bad"));
    }

    [Fact]
    public async Task A_size_announced_by_the_server_that_differs_from_the_manifest_fails_before_downloading()
    {
        await using var server = new LoopbackFileServer();
        var url = server.Serve("data.bin", TestBytes.Random(Size));
        var destination = _temp.Combine("data.bin");

        var error = await Assert.ThrowsAsync<DataFormatException>(
            () => new ResumableDownloader(_http, OneAttempt).DownloadAsync(url, destination, expectedSizeBytes: Size + 1));

        Assert.Equal("sizeBytes", error.Field);
        Assert.Contains($"{Size + 1}", error.Message);
        Assert.Contains($"{Size}", error.Message);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task An_existing_verified_file_is_not_downloaded_again()
    {
        await using var server = new LoopbackFileServer();
        var content = TestBytes.Random(1000);
        var url = server.Serve("data.bin", content);
        var destination = _temp.Write("data.bin", content);

        var result = await new ResumableDownloader(_http, OneAttempt).DownloadAsync(url, destination, TestBytes.Sha256(content), 1000);

        Assert.True(result.AlreadyPresent);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_existing_file_with_the_wrong_hash_is_reported_and_left_alone()
    {
        await using var server = new LoopbackFileServer();
        var url = server.Serve("data.bin", TestBytes.Random(1000));
        var stale = TestBytes.Random(1000, seed: 9);
        var destination = _temp.Write("data.bin", stale);

        var error = await Assert.ThrowsAsync<DataFormatException>(
            () => new ResumableDownloader(_http, OneAttempt).DownloadAsync(url, destination, new string('a', 64)));

        Assert.Equal("sha256", error.Field);
        Assert.Contains(TestBytes.Sha256(stale), error.Message);
        Assert.Equal(stale, File.ReadAllBytes(destination));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_missing_file_fails_at_once_without_retries()
    {
        await using var server = new LoopbackFileServer();
        var url = new Uri(server.BaseUri, "missing.bin");

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => new ResumableDownloader(_http, new FetchOptions(maxAttempts: 3, retryDelay: TimeSpan.Zero)).DownloadAsync(url, _temp.Combine("missing.bin")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("missing.bin", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Progress_reports_growing_bytes_up_to_the_total_then_hashing()
    {
        await using var server = new LoopbackFileServer();
        var url = server.Serve("data.bin", TestBytes.Random(Size));
        var reports = new List<FetchProgress>();

        await new ResumableDownloader(_http, OneAttempt).DownloadAsync(url, _temp.Combine("data.bin"), progress: new SynchronousProgress(reports));

        var downloading = reports.Where(r => r.Stage == FetchStage.Downloading).ToArray();
        Assert.All(downloading, r => Assert.Equal(("data.bin", (long?)Size), (r.File, r.TotalBytes)));
        Assert.Equal(downloading.Select(r => r.BytesDone).Order(), downloading.Select(r => r.BytesDone));
        Assert.Equal(Size, downloading[^1].BytesDone);
        Assert.Equal(Size, reports.Last(r => r.Stage == FetchStage.Hashing).BytesDone);
    }

    [Fact]
    public async Task Cancellation_stops_the_download_and_keeps_no_final_file()
    {
        await using var server = new LoopbackFileServer();
        var url = server.Serve("data.bin", TestBytes.Random(Size));
        using var cancel = new CancellationTokenSource();
        var destination = _temp.Combine("data.bin");
        var progress = new SynchronousProgress([], onReport: r => { if (r.BytesDone > 0) cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ResumableDownloader(_http, OneAttempt).DownloadAsync(url, destination, progress: progress, cancellationToken: cancel.Token));

        Assert.False(File.Exists(destination));
    }

    [Theory]
    [InlineData("ftp://example.org/data.zip")]
    [InlineData("file:///etc/passwd")]
    public async Task Non_http_urls_are_refused(string url)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => new ResumableDownloader(_http, OneAttempt).DownloadAsync(new Uri(url), _temp.Combine("x")));
        Assert.Equal("url", error.ParamName);
    }
}

/// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them asynchronously).</summary>
internal sealed class SynchronousProgress(List<FetchProgress> into, Action<FetchProgress>? onReport = null) : IProgress<FetchProgress>
{
    public void Report(FetchProgress value)
    {
        into.Add(value);
        onReport?.Invoke(value);
    }
}
