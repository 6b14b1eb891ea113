using System.Net;
using System.Net.Http.Headers;

namespace Nlce.Data.Fetch;

/// <summary>The outcome of <see cref="ResumableDownloader.DownloadAsync"/>.</summary>
/// <param name="Path">The final file.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">Its SHA-256 as lowercase hex (computed even when the manifest gives none, so a copy can be pinned).</param>
/// <param name="AlreadyPresent">True when the file was there from an earlier fetch and nothing was downloaded.</param>
public sealed record DownloadResult(string Path, long SizeBytes, string Sha256, bool AlreadyPresent);

/// <summary>
/// Downloads one http(s) file so that an interrupted transfer continues where it stopped (HTTP range requests,
/// RFC 9110 §14):
/// <list type="bullet">
/// <item>bytes go to <c>&lt;file&gt;.part</c>; a later attempt (a retry, or the next run) asks for
/// <c>Range: bytes=&lt;part length&gt;-</c> and appends the 206 answer. The first answer's strong ETag (or
/// Last-Modified) is kept in <c>&lt;file&gt;.part.resume</c> and sent as <c>If-Range</c>, so a file that changed on the
/// server is downloaded again instead of being stitched together from two versions;</item>
/// <item>a server that ignores the range (200), or answers a different one, makes the download restart cleanly from
/// byte 0;</item>
/// <item>the finished file is checked against the expected size and SHA-256 when given, then renamed to its final name
/// in one step (same folder, hence same file system), so a final name always holds a complete, verified file;</item>
/// <item>a file failing the size or SHA-256 check is moved to <c>&lt;file&gt;.bad</c> (replacing an older one) and a
/// <see cref="DataFormatException"/> names the file, the expected and the actual value. Keeping it as <c>.part</c>
/// would make the next run believe the download complete and fail the same way; deleting it would lose the evidence
/// of what the server sent. The next run starts from scratch.</item>
/// </list>
/// Network errors (connection dropped, 5xx, 408, 429, timeouts) are retried up to <see cref="FetchOptions.MaxAttempts"/>
/// times; the last one is rethrown as an <see cref="IOException"/> naming the URL and the <c>.part</c> file kept.
/// Use an <see cref="HttpClient"/> without automatic decompression: ranges count the bytes as sent.
/// </summary>
public sealed class ResumableDownloader
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient _http;
    private readonly FetchOptions _options;

    public ResumableDownloader(HttpClient http, FetchOptions? options = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? new FetchOptions();
    }

    /// <summary>
    /// Makes <paramref name="destinationPath"/> hold the file at <paramref name="url"/>. A file already at that path
    /// is checked (size, SHA-256) and kept, never downloaded again.
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(
        Uri url,
        string destinationPath,
        string? expectedSha256 = null,
        long? expectedSizeBytes = null,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"url '{url}' must be an absolute http or https address.", nameof(url));
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var name = Path.GetFileName(destinationPath);
        if (File.Exists(destinationPath))
            return await CheckExistingAsync(destinationPath, expectedSha256, expectedSizeBytes, progress, cancellationToken);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        var partPath = destinationPath + ".part";
        var resumePath = partPath + ".resume";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(url, partPath, resumePath, name, expectedSizeBytes, progress, cancellationToken);
                break;
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                if (attempt >= _options.MaxAttempts)
                    throw new IOException(
                        $"{url}: download failed after {attempt} attempt(s): {ex.Message} The {LengthOf(partPath)} bytes received so far are kept in {partPath}; fetch again to resume.",
                        ex);
                await Task.Delay(_options.RetryDelay, cancellationToken);
            }
        }

        var (sha256, length) = await FileSha256.ComputeAsync(partPath, name, progress, cancellationToken);
        if (expectedSizeBytes is { } size && length != size)
            throw Reject(url, destinationPath, partPath, resumePath, "sizeBytes", $"{length} bytes", $"{size} bytes");
        if (expectedSha256 is not null && sha256 != expectedSha256)
            throw Reject(url, destinationPath, partPath, resumePath, "sha256", $"SHA-256 {sha256}", $"SHA-256 {expectedSha256}");
        File.Move(partPath, destinationPath);
        File.Delete(resumePath);
        return new DownloadResult(destinationPath, length, sha256, AlreadyPresent: false);
    }

    private async Task TransferAsync(
        Uri url, string partPath, string resumePath, string name, long? expectedSize,
        IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        var offset = LengthOf(partPath);
        var response = await SendAsync(url, offset, offset > 0 ? ReadResumeCondition(resumePath) : null, cancellationToken);
        try
        {
            if (offset > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable
                           && response.Content.Headers.ContentRange?.Length == offset)
                return; // the .part already holds the whole file
            if (offset > 0 && !ContinuesAt(response, offset))
            {
                if (response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
                    EnsureSuccess(url, response); // an error keeps the .part for the next attempt
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    // An unusable partial answer: ask for the whole file. A 200 already carries it.
                    response.Dispose();
                    response = await SendAsync(url, 0, null, cancellationToken);
                }
                offset = 0;
            }
            EnsureSuccess(url, response);
            if (offset == 0)
                WriteResumeCondition(resumePath, response);

            var total = response.StatusCode == HttpStatusCode.PartialContent
                ? response.Content.Headers.ContentRange?.Length ?? offset + response.Content.Headers.ContentLength
                : response.Content.Headers.ContentLength;
            if (expectedSize is { } size && total is { } announced && announced != size)
                throw new DataFormatException(
                    partPath, $"the server announces {announced} bytes for {url}; the manifest expects {size} bytes", "sizeBytes");

            await using var file = new FileStream(
                partPath, offset == 0 ? FileMode.Create : FileMode.Append, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[BufferSize];
            var done = offset;
            progress?.Report(new FetchProgress(name, FetchStage.Downloading, done, total));
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                done += read;
                progress?.Report(new FetchProgress(name, FetchStage.Downloading, done, total));
            }
            if (total is { } expected && done != expected)
                throw new IOException($"The transfer ended after {done} of {expected} bytes.");
        }
        finally
        {
            response.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        Uri url, long offset, RangeConditionHeaderValue? condition, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            request.Headers.IfRange = condition;
        }
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static void EnsureSuccess(Uri url, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"{url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
    }

    private static bool ContinuesAt(HttpResponseMessage response, long offset) =>
        response.StatusCode == HttpStatusCode.PartialContent
        && response.Content.Headers.ContentRange is { Unit: "bytes", HasRange: true } range
        && range.From == offset;

    /// <summary>Remembers the strong ETag, else the Last-Modified date, of a fresh download for If-Range.</summary>
    private static void WriteResumeCondition(string resumePath, HttpResponseMessage response)
    {
        if (response.Headers.ETag is { IsWeak: false } etag)
            File.WriteAllText(resumePath, "etag " + etag.Tag);
        else if (response.Content.Headers.LastModified is { } modified)
            File.WriteAllText(resumePath, "last-modified " + modified.ToString("R"));
        else
            File.Delete(resumePath);
    }

    private static RangeConditionHeaderValue? ReadResumeCondition(string resumePath)
    {
        if (!File.Exists(resumePath))
            return null;
        var text = File.ReadAllText(resumePath);
        if (text.StartsWith("etag ", StringComparison.Ordinal))
            return new RangeConditionHeaderValue(new EntityTagHeaderValue(text["etag ".Length..]));
        if (text.StartsWith("last-modified ", StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text["last-modified ".Length..], out var modified))
            return new RangeConditionHeaderValue(modified);
        return null;
    }

    private static async Task<DownloadResult> CheckExistingAsync(
        string path, string? expectedSha256, long? expectedSize, IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (expectedSize is { } size && length != size)
            throw new DataFormatException(
                path, $"the file already there has {length} bytes; expected {size}. Delete it to download it again", "sizeBytes");
        var (sha256, _) = await FileSha256.ComputeAsync(path, Path.GetFileName(path), progress, cancellationToken);
        if (expectedSha256 is not null && sha256 != expectedSha256)
            throw new DataFormatException(
                path, $"the file already there has SHA-256 {sha256}; expected {expectedSha256}. Delete it to download it again", "sha256");
        return new DownloadResult(path, length, sha256, AlreadyPresent: true);
    }

    private static DataFormatException Reject(
        Uri url, string destinationPath, string partPath, string resumePath, string field, string actual, string expected)
    {
        var badPath = destinationPath + ".bad";
        File.Move(partPath, badPath, overwrite: true);
        File.Delete(resumePath);
        return new DataFormatException(
            destinationPath,
            $"the download from {url} has {actual}; expected {expected}. The bytes were moved to {badPath} for inspection; the next fetch downloads the file from scratch",
            field);
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // an HttpClient timeout, not the caller
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } =>
            (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        IOException => true,
        _ => false,
    };

    private static long LengthOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
