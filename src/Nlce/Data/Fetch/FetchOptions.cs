namespace Nlce.Data.Fetch;

/// <summary>How <see cref="DatasetFetcher"/> and <see cref="ResumableDownloader"/> behave.</summary>
public sealed record FetchOptions
{
    /// <param name="maxAttempts">Transfers tried per file before giving up (each retry resumes from the <c>.part</c> file); at least 1.</param>
    /// <param name="retryDelay">Wait between attempts; default 2 s, not negative.</param>
    /// <param name="verifyExpectedFiles">After fetching, check the dataset folder against the manifest's expected files.</param>
    public FetchOptions(int maxAttempts = 3, TimeSpan? retryDelay = null, bool verifyExpectedFiles = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var delay = retryDelay ?? TimeSpan.FromSeconds(2);
        if (delay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(retryDelay), delay, "retryDelay must not be negative.");
        MaxAttempts = maxAttempts;
        RetryDelay = delay;
        VerifyExpectedFiles = verifyExpectedFiles;
    }

    public int MaxAttempts { get; }

    public TimeSpan RetryDelay { get; }

    public bool VerifyExpectedFiles { get; }
}
