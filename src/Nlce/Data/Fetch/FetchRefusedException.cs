namespace Nlce.Data.Fetch;

/// <summary>
/// A dataset that <see cref="DatasetFetcher"/> will not download: it needs registration, is generated in memory, lists
/// no sources, or names a source that is not http(s). The message says why and what to do instead.
/// </summary>
public sealed class FetchRefusedException : Exception
{
    public FetchRefusedException(string datasetId, string message)
        : base(message)
    {
        DatasetId = datasetId;
    }

    public string DatasetId { get; }
}
