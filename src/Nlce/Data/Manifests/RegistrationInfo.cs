namespace Nlce.Data.Manifests;

/// <summary>
/// Where a user registers to obtain a dataset that cannot be fetched automatically, and what to do with the files
/// afterwards (schema: <c>registration</c>).
/// </summary>
public sealed record RegistrationInfo
{
    /// <param name="urls">Absolute registration or download pages, at least one.</param>
    /// <param name="instructions">Where to put the files under the dataset root once downloaded.</param>
    public RegistrationInfo(IReadOnlyList<Uri> urls, string instructions)
    {
        Urls = ManifestRules.RequireItems(urls, nameof(urls), allowEmpty: false);
        foreach (var url in Urls)
            if (!url.IsAbsoluteUri)
                throw new ArgumentException($"urls entry '{url}' must be an absolute address.", nameof(urls));
        Instructions = ManifestRules.RequireText(instructions, nameof(instructions));
    }

    public IReadOnlyList<Uri> Urls { get; }

    public string Instructions { get; }
}
