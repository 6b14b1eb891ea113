using Nlce.Data;

namespace Nlce.Evaluation.Results;

/// <summary>One store a merge read and what it added to the target.</summary>
/// <param name="Path">The store's full path.</param>
/// <param name="Import">Runs and rows copied, and rows the target already held.</param>
public sealed record MergedStore(string Path, StoreImport Import);

/// <summary>What a merge did.</summary>
/// <param name="Target">The merged store's full path.</param>
/// <param name="ConfigHash">The configuration digest every merged run shares (<see cref="RunInfo.ConfigHash"/>).</param>
/// <param name="Sources">Each source store in the order given.</param>
/// <param name="Rows">Rows in the target after the merge.</param>
public sealed record MergeReport(string Target, string ConfigHash, IReadOnlyList<MergedStore> Sources, int Rows);

/// <summary>
/// Combines the results stores of the shards of one sweep (<c>--shard K/N</c>, see <see cref="Sweep.WorkShard"/>) into one store
/// (<c>nlce results merge</c>): every run and every row is copied when absent, so merging again, or merging into a store that
/// already holds some shards, changes nothing that is there. Stores from different sweep configurations are refused before anything
/// is written: every run of every source, and of the target when it exists, must carry the same configuration digest
/// (<see cref="Sweep.SweepRunConfig.Hash"/>, which leaves out the shard and the batch size), and the error names both files and
/// the first differing field.
/// </summary>
public static class ResultsMerge
{
    /// <summary>Configuration fields that may differ between the shards of one sweep (not part of its digest).</summary>
    private static readonly IReadOnlySet<string> ShardFields = new HashSet<string>(StringComparer.Ordinal) { "shard", "batchSize", "images.description" };

    /// <summary>Merges <paramref name="sources"/> into <paramref name="target"/> (created when absent).</summary>
    /// <exception cref="ArgumentException">No source, a source given twice, or the target among the sources.</exception>
    /// <exception cref="DataFormatException">A source does not exist or holds no run, or two runs come from different configurations.</exception>
    public static MergeReport Merge(IReadOnlyList<string> sources, string target)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (sources.Count == 0)
            throw new ArgumentException("no stores to merge: give at least one results store.", nameof(sources));
        string targetPath = Path.GetFullPath(target);
        var paths = sources.Select(source => Path.GetFullPath(source ?? throw new ArgumentNullException(nameof(sources)))).ToArray();
        var repeated = paths.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"store {repeated.Key} is listed {repeated.Count()} times.", nameof(sources));
        if (paths.Contains(targetPath, StringComparer.Ordinal))
            throw new ArgumentException($"the output store {targetPath} is also a source; write the merge to another file.", nameof(target));
        foreach (string path in paths)
            if (!File.Exists(path))
                throw new DataFormatException(path, "no such results store.");

        (string Path, StoredRun Run)? reference = null;
        foreach (string path in paths)
        {
            using var store = ResultsStore.Open(path);
            var runs = store.Runs();
            if (runs.Count == 0)
                throw new DataFormatException(path, "the store holds no run; expected a store written by a sweep (one shard of it).", "runs");
            foreach (var run in runs)
                reference = Check(reference, path, run);
        }
        if (File.Exists(targetPath))
        {
            using var existing = ResultsStore.Open(targetPath);
            foreach (var run in existing.Runs())
                reference = Check(reference, targetPath, run);
        }

        using var merged = ResultsStore.Open(targetPath);
        var imported = paths.Select(path => new MergedStore(path, merged.Import(path))).ToArray();
        return new MergeReport(targetPath, reference!.Value.Run.Info.ConfigHash, imported, merged.Rows().Count);
    }

    /// <summary>Returns the reference run (the first one seen), throwing when <paramref name="run"/> has another configuration.</summary>
    private static (string Path, StoredRun Run) Check((string Path, StoredRun Run)? reference, string path, StoredRun run)
    {
        if (reference is not { } first)
            return (path, run);
        if (first.Run.Info.ConfigHash == run.Info.ConfigHash)
            return first;
        var difference = ConfigurationDifference.Find(first.Run.Info.ConfigJson, run.Info.ConfigJson, ShardFields);
        string field = difference is null ? "config_hash" : $"config_json.{difference.Field}";
        string values = difference is null
            ? $"{first.Run.Info.ConfigHash} there, {run.Info.ConfigHash} here"
            : $"{difference.First} there, {difference.Second} here";
        throw new DataFormatException(path,
            $"run {run.RunId} comes from another sweep configuration than run {first.Run.RunId} of {first.Path} ({values}); " +
            "only the shards of one sweep merge.", field);
    }
}
