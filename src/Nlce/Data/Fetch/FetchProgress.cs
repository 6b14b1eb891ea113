namespace Nlce.Data.Fetch;

/// <summary>What a fetch is doing with a file.</summary>
public enum FetchStage
{
    Downloading,
    Hashing,
    Extracting,
}

/// <summary>
/// Progress of one file: <paramref name="BytesDone"/> of <paramref name="TotalBytes"/> (null when the server does not
/// say). For <see cref="FetchStage.Extracting"/>, bytes are uncompressed bytes of the archive's entries.
/// </summary>
public sealed record FetchProgress(string File, FetchStage Stage, long BytesDone, long? TotalBytes);
