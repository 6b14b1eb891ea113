using Nlce.Data.Fetch;
using Nlce.Data.Manifests;
using Nlce.Data.Readers;

namespace Nlce.Data.Verification;

/// <summary>What <see cref="DatasetVerifier"/> found: files missing, files that should not be there, files that cannot be read, and
/// other problems (e.g. a malformed split.csv). Each entry names a file and the problem.</summary>
public sealed record VerificationReport(string Spec, int SamplesChecked, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra,
    IReadOnlyList<string> Unreadable, IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsClean => Missing.Count + Extra.Count + Unreadable.Count + Problems.Count == 0;
}

/// <summary>
/// <c>nlce data verify</c>: surveys a dataset without stopping at the first problem. For image/mask folders it pairs the files itself
/// and lists every image without a mask (missing), every mask without an image or file of an unexpected type (extra), and every pair
/// that cannot be decoded or whose sizes differ (unreadable). For the other kinds the reader's own listing checks run first (their
/// first structural problem is reported) and then every sample is decoded, each failure listed by file; a registered dataset is
/// also checked against its manifest's expected files (counts, sizes, hashes).
/// </summary>
public static class DatasetVerifier
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];

    /// <summary>Verifies the dataset named by <paramref name="spec"/>.</summary>
    public static VerificationReport Verify(string spec, DatasetOpenOptions? options = null, CancellationToken cancellation = default)
    {
        var parsed = DatasetSpec.Parse(spec);
        return parsed.Kind == DatasetKind.Folder
            ? VerifyFolder(parsed, cancellation)
            : VerifyByOpening(parsed, options, cancellation);
    }

    private static VerificationReport VerifyFolder(DatasetSpec spec, CancellationToken cancellation)
    {
        string root = spec.Path!;
        var missing = new List<string>();
        var extra = new List<string>();
        var unreadable = new List<string>();
        var problems = new List<string>();
        string imagesFolder = Path.Combine(root, FolderDataset.ImagesFolder), masksFolder = Path.Combine(root, FolderDataset.MasksFolder);
        foreach (var folder in new[] { root, imagesFolder, masksFolder })
            if (!Directory.Exists(folder))
                missing.Add($"{folder}: folder not found");
        if (missing.Count > 0)
            return new VerificationReport(spec.ToString(), 0, missing, extra, unreadable, problems);

        var images = ByName(imagesFolder, ImageExtensions, extra);
        var masks = ByName(masksFolder, [".png"], extra);
        if (images.Count == 0)
            missing.Add($"{imagesFolder}: no images (expected <name>.png|.jpg|.jpeg)");
        foreach (var (name, image) in images.Where(i => !masks.ContainsKey(i.Key)))
            missing.Add($"{Path.Combine(masksFolder, name + ".png")}: mask of {image} not found");
        foreach (var (_, mask) in masks.Where(m => !images.ContainsKey(m.Key)))
            extra.Add($"{mask}: mask without an image");

        string splitPath = Path.Combine(root, SplitFile.FileName);
        if (File.Exists(splitPath))
            Collect(problems, () => SplitFile.Read(splitPath, images.Keys));

        int checkedCount = 0;
        foreach (var (name, image) in images.Where(i => masks.ContainsKey(i.Key)).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            cancellation.ThrowIfCancellationRequested();
            Collect(unreadable, () => RasterPair.Load(new SampleRef(name, DatasetSplit.Train), image, masks[name]));
            checkedCount++;
        }
        return new VerificationReport(spec.ToString(), checkedCount, missing, extra, unreadable, problems);
    }

    private static VerificationReport VerifyByOpening(DatasetSpec spec, DatasetOpenOptions? options, CancellationToken cancellation)
    {
        var problems = new List<string>();
        var missing = new List<string>();
        if (spec.Kind == DatasetKind.ManifestId && DatasetCatalog.Manifests.Get(spec.Id!) is { Layout.Kind: not DatasetLayoutKind.Phantom } manifest)
        {
            string root = Path.Combine(DatasetCatalog.DataRoot(options), manifest.Id);
            var expected = ExpectedFilesVerifier.VerifyAsync(manifest, root, cancellation).GetAwaiter().GetResult();
            missing.AddRange(expected.Checks.SelectMany(c => c.Problems.Select(p => $"{Path.Combine(root, c.Expected.Pattern)}: {p}")));
        }
        var unreadable = new List<string>();
        ISegmentationDataset? dataset = null;
        Collect(problems, () => dataset = DatasetCatalog.Open(spec, options));
        int checkedCount = 0;
        if (dataset is not null)
            foreach (var sample in dataset.Samples)
            {
                cancellation.ThrowIfCancellationRequested();
                Collect(unreadable, () => dataset.Load(sample));
                checkedCount++;
            }
        return new VerificationReport(spec.ToString(), checkedCount, missing, [], unreadable, problems);
    }

    private static Dictionary<string, string> ByName(string folder, string[] extensions, List<string> extra)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in DatasetFolder.VisibleFiles(folder))
        {
            if (!extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
                extra.Add($"{path}: unexpected file type (expected {string.Join(", ", extensions)})");
            else if (!byName.TryAdd(Path.GetFileNameWithoutExtension(path), path))
                extra.Add($"{path}: second file named '{Path.GetFileNameWithoutExtension(path)}' (first: {byName[Path.GetFileNameWithoutExtension(path)]})");
        }
        return byName;
    }

    private static void Collect(List<string> into, Action action)
    {
        try
        {
            action();
        }
        catch (DataFormatException e)
        {
            into.Add(e.Message);
        }
    }
}
