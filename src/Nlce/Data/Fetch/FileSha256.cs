using System.Security.Cryptography;

namespace Nlce.Data.Fetch;

/// <summary>SHA-256 (FIPS 180-4) of a file as lowercase hex, reading it in chunks and reporting progress.</summary>
internal static class FileSha256
{
    public static async Task<(string Sha256, long Length)> ComputeAsync(
        string path, string progressName, IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var total = stream.Length;
        long done = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            done += read;
            progress?.Report(new FetchProgress(progressName, FetchStage.Hashing, done, total));
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), done);
    }
}
