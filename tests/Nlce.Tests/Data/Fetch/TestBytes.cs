using System.Security.Cryptography;

namespace Nlce.Tests.Data.Fetch;

internal static class TestBytes
{
    /// <summary>Deterministic pseudo-random bytes, so a misplaced or repeated chunk changes the content.</summary>
    public static byte[] Random(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static HttpClient Client() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };
}
