using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Nlce.Tests.Data.Fetch;

/// <summary>One request as the test server saw it.</summary>
internal sealed record RecordedRequest(string Path, string? Range, string? IfRange, int StatusCode);

/// <summary>
/// A tiny HTTP file server on 127.0.0.1 (random free port) for download tests. It serves byte arrays by path with
/// single open-ended range support (<c>bytes=N-</c>, honouring If-Range against its ETag), can ignore ranges like a
/// server without range support, and can drop the connection after a number of body bytes. It is bounded: it answers
/// at most <see cref="MaxRequests"/> requests and stops itself after 30 s or on dispose.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private const int MaxRequests = 50;

    private readonly ConcurrentDictionary<string, (byte[] Content, string ETag)> _files = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _lifetime = new(TimeSpan.FromSeconds(30));
    private readonly Task _loop;
    private int _dropsLeft;
    private int _etagVersion;

    public LoopbackFileServer(bool supportsRange = true)
    {
        SupportsRange = supportsRange;
        (_listener, BaseUri) = StartListener();
        _lifetime.Token.Register(() => _listener.Close());
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public bool SupportsRange { get; }

    /// <summary>Body bytes sent before the connection is dropped, for the next <see cref="DropNextResponses"/> answers.</summary>
    public int DropAfterBytes { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Serves <paramref name="content"/> at <c>/<paramref name="name"/></c> with a new ETag.</summary>
    public Uri Serve(string name, byte[] content)
    {
        _files[name] = (content, $"\"v{Interlocked.Increment(ref _etagVersion)}\"");
        return new Uri(BaseUri, name);
    }

    /// <summary>Drops the connection after <see cref="DropAfterBytes"/> body bytes in the next <paramref name="count"/> answers.</summary>
    public void DropNextResponses(int count, int afterBytes)
    {
        DropAfterBytes = afterBytes;
        Volatile.Write(ref _dropsLeft, count);
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was closed under a pending accept: that is how the loop ends.
        }
        _lifetime.Dispose();
    }

    private static (HttpListener, Uri) StartListener()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            var prefix = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // the port was taken between probe and start; try another
            }
        }
    }

    private async Task ServeAsync()
    {
        for (var served = 0; served < MaxRequests && !_lifetime.IsCancellationRequested; served++)
        {
            var context = await _listener.GetContextAsync();
            try
            {
                await AnswerAsync(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away mid-answer; nothing to do.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath.TrimStart('/');
        var range = request.Headers["Range"];
        var ifRange = request.Headers["If-Range"];
        if (!_files.TryGetValue(path, out var file))
        {
            Record(path, range, ifRange, 404);
            response.StatusCode = 404;
            response.Close();
            return;
        }

        var (content, etag) = file;
        long start = 0;
        var partial = false;
        if (SupportsRange && range is not null && (ifRange is null || ifRange == etag))
        {
            start = ParseOpenRange(range);
            if (start >= content.Length)
            {
                Record(path, range, ifRange, 416);
                response.StatusCode = 416;
                response.Headers["Content-Range"] = $"bytes */{content.Length}";
                response.Close();
                return;
            }
            partial = true;
        }

        response.StatusCode = partial ? 206 : 200;
        Record(path, range, ifRange, response.StatusCode);
        response.Headers["ETag"] = etag;
        if (SupportsRange)
            response.Headers["Accept-Ranges"] = "bytes";
        if (partial)
            response.Headers["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}";
        response.ContentLength64 = content.Length - start;
        var body = content.AsMemory((int)start);
        if (Interlocked.Decrement(ref _dropsLeft) >= 0)
        {
            var sent = Math.Min(DropAfterBytes, body.Length);
            await response.OutputStream.WriteAsync(body[..sent]);
            await response.OutputStream.FlushAsync();
            response.Abort();
            return;
        }
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private void Record(string path, string? range, string? ifRange, int status) =>
        _requests.Enqueue(new RecordedRequest(path, range, ifRange, status));

    private static long ParseOpenRange(string range)
    {
        const string prefix = "bytes=";
        if (!range.StartsWith(prefix, StringComparison.Ordinal) || !range.EndsWith('-'))
            throw new InvalidOperationException($"The test server only understands 'bytes=N-' ranges, not '{range}'.");
        return long.Parse(range[prefix.Length..^1]);
    }
}
