using Nlce.Data.Manifests;

namespace Nlce.Data.Fetch;

/// <summary>How one <see cref="ExpectedFileSet"/> of a manifest compares with a folder.</summary>
/// <param name="Expected">The manifest entry.</param>
/// <param name="Matches">Matching files, relative to the dataset root with '/' separators, sorted.</param>
/// <param name="Problems">What does not agree (count, sizes, hash); empty when the entry is satisfied.</param>
public sealed record ExpectedFilesCheck(ExpectedFileSet Expected, IReadOnlyList<string> Matches, IReadOnlyList<string> Problems)
{
    public bool IsSatisfied => Problems.Count == 0;
}

/// <summary>The result of checking a dataset folder against a manifest's <c>expectedFiles</c>.</summary>
public sealed record ExpectedFilesReport(string DatasetRoot, IReadOnlyList<ExpectedFilesCheck> Checks)
{
    public bool IsSatisfied => Checks.All(c => c.IsSatisfied);

    /// <summary>Throws a <see cref="DataFormatException"/> naming the folder and listing every problem, if any.</summary>
    public void ThrowIfUnsatisfied()
    {
        var problems = Checks.SelectMany(c => c.Problems.Select(p => $"'{c.Expected.Pattern}': {p}")).ToArray();
        if (problems.Length > 0)
            throw new DataFormatException(
                DatasetRoot,
                "the folder does not hold the files the manifest expects:" + string.Concat(problems.Select(p => $"\n  {p}")),
                "expectedFiles");
    }
}

/// <summary>
/// Checks a dataset folder against the <c>expectedFiles</c> of its manifest (data-manifests/schema.json): each pattern
/// (<see cref="GlobPattern"/>) must match exactly its count of files, every match must have the given size, and a
/// single-file entry with a SHA-256 must hash to it. Hidden files (dot-files) are not considered.
/// </summary>
public static class ExpectedFilesVerifier
{
    private const int ListedFilesPerProblem = 5;

    public static async Task<ExpectedFilesReport> VerifyAsync(
        DatasetManifest manifest, string datasetRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetRoot);
        var root = Path.GetFullPath(datasetRoot);
        if (!Directory.Exists(root))
            throw new DataFormatException(root, $"the dataset folder of '{manifest.Id}' does not exist");
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var checks = new List<ExpectedFilesCheck>();
        foreach (var expected in manifest.ExpectedFiles)
        {
            var glob = new GlobPattern(expected.Pattern);
            var matches = files.Where(glob.IsMatch).ToArray();
            var problems = new List<string>();
            if (matches.Length != expected.Count)
                problems.Add($"matched {matches.Length} file(s); expected {expected.Count}");
            if (expected.SizeBytes is { } size)
            {
                var wrong = matches.Where(m => new FileInfo(Path.Combine(root, m)).Length != size).ToArray();
                if (wrong.Length > 0)
                    problems.Add($"{wrong.Length} file(s) are not {size} bytes: {Listed(wrong)}");
            }
            if (expected.Sha256 is { } sha256 && matches.Length == 1)
            {
                var (actual, _) = await FileSha256.ComputeAsync(Path.Combine(root, matches[0]), matches[0], null, cancellationToken);
                if (actual != sha256)
                    problems.Add($"'{matches[0]}' has SHA-256 {actual}; expected {sha256}");
            }
            checks.Add(new ExpectedFilesCheck(expected, matches, problems));
        }
        return new ExpectedFilesReport(root, checks);
    }

    private static string Listed(IReadOnlyList<string> files) =>
        string.Join(", ", files.Take(ListedFilesPerProblem).Select(f => $"'{f}'"))
        + (files.Count > ListedFilesPerProblem ? $" and {files.Count - ListedFilesPerProblem} more" : "");
}
