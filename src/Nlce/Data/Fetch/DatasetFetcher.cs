using Nlce.Data.Manifests;

namespace Nlce.Data.Fetch;

/// <summary>One source of a fetch: where it landed and, for an archive, where and how it was extracted.</summary>
/// <param name="Source">The manifest entry.</param>
/// <param name="Download">The downloaded (or already present) file.</param>
/// <param name="ExtractedTo">The folder a zip archive was extracted into; null for plain files.</param>
/// <param name="Extraction">Files written and left unchanged by the extraction; null for plain files.</param>
public sealed record FetchedSource(DataSource Source, DownloadResult Download, string? ExtractedTo, ZipExtractionResult? Extraction);

/// <summary>What <see cref="DatasetFetcher.FetchAsync"/> did.</summary>
/// <param name="DatasetId">The manifest's id.</param>
/// <param name="DatasetRoot">The dataset folder, as a full path.</param>
/// <param name="Sources">Each source in manifest order.</param>
/// <param name="ExpectedFiles">The check of the folder after fetching; null when <see cref="FetchOptions.VerifyExpectedFiles"/> is off.</param>
public sealed record FetchReport(string DatasetId, string DatasetRoot, IReadOnlyList<FetchedSource> Sources, ExpectedFilesReport? ExpectedFiles);

/// <summary>
/// Fetches the <c>sources</c> of a dataset manifest (data-manifests/schema.json) into a dataset folder: zip archives are
/// downloaded to <c>&lt;root&gt;/downloads/</c> and extracted into their <c>extractTo</c> folder, other files are
/// downloaded straight into it. Downloads are resumable and verified (<see cref="ResumableDownloader"/>), extraction
/// refuses entries that escape the folder (<see cref="ZipArchiveExtractor"/>), and the folder is finally checked against
/// the manifest's expected files. Running it again only does what is missing.
/// Refused up front, before any network access, with a <see cref="FetchRefusedException"/>: datasets that need
/// registration (the message says where to register and where to put the files), generated (phantom) datasets,
/// manifests without sources, and sources that are not http(s).
/// </summary>
public sealed class DatasetFetcher
{
    /// <summary>Folder under the dataset root that keeps downloaded archives.</summary>
    public const string DownloadsFolder = "downloads";

    private readonly ResumableDownloader _downloader;
    private readonly FetchOptions _options;

    public DatasetFetcher(HttpClient http, FetchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = options ?? new FetchOptions();
        _downloader = new ResumableDownloader(http, _options);
    }

    public async Task<FetchReport> FetchAsync(
        DatasetManifest manifest,
        string datasetRoot,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetRoot);
        var root = Path.GetFullPath(datasetRoot);
        RefuseUnfetchable(manifest, root);

        var fetched = new List<FetchedSource>();
        foreach (var source in manifest.Sources)
        {
            var target = Path.GetFullPath(Path.Combine(root, source.ExtractTo));
            var isZip = source.Archive == ArchiveKind.Zip;
            var destination = Path.Combine(isZip ? Path.Combine(root, DownloadsFolder) : target, source.FileName);
            var download = await _downloader.DownloadAsync(
                source.Url, destination, source.Sha256, source.SizeBytes, progress, cancellationToken);
            var extraction = isZip ? await ZipArchiveExtractor.ExtractAsync(destination, target, progress, cancellationToken) : null;
            fetched.Add(new FetchedSource(source, download, isZip ? target : null, extraction));
        }

        ExpectedFilesReport? check = null;
        if (_options.VerifyExpectedFiles)
        {
            check = await ExpectedFilesVerifier.VerifyAsync(manifest, root, cancellationToken);
            check.ThrowIfUnsatisfied();
        }
        return new FetchReport(manifest.Id, root, fetched, check);
    }

    private static void RefuseUnfetchable(DatasetManifest manifest, string root)
    {
        var id = manifest.Id;
        if (manifest.Layout.Kind == DatasetLayoutKind.Phantom)
            throw new FetchRefusedException(id, $"'{id}' is generated in memory (layout kind phantom); there is nothing to download.");
        if (manifest.RegistrationRequired)
        {
            var registration = manifest.Registration!;
            var expected = manifest.ExpectedFiles.Select(e => $"\n  {e.Pattern} ({e.Count} file(s))");
            throw new FetchRefusedException(
                id,
                $"'{id}' cannot be downloaded automatically: its provider hands the data out only after registration."
                + $"\nRegister at: {string.Join(", ", registration.Urls)}"
                + $"\nThen: {registration.Instructions.Replace("<root>", root, StringComparison.Ordinal)}"
                + $"\nDataset folder: {root}; it must then hold:{string.Concat(expected)}");
        }
        if (manifest.Sources.Count == 0)
            throw new FetchRefusedException(id, $"'{id}' lists no sources to download.");
        foreach (var source in manifest.Sources)
            if (source.Url.Scheme != Uri.UriSchemeHttp && source.Url.Scheme != Uri.UriSchemeHttps)
                throw new FetchRefusedException(
                    id, $"'{id}': source {source.Url} uses the scheme '{source.Url.Scheme}'; only http and https downloads are supported.");
    }
}
