using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Evaluation.Reproduction;

namespace Nlce.Workbench;

/// <summary>
/// The notebooks' cache folder (issue 7: "checkpoints and results are cached under a configurable folder, so re-running a
/// notebook re-uses what is done"): <c>prepared/</c> holds datasets at their working resolution (a
/// <see cref="PreparedDatasetStore"/>), <c>checkpoints/&lt;key&gt;/</c> one training run per <see cref="CheckpointKey"/>, <c>studies/&lt;key&gt;/</c>
/// one study (checkpoints it trains itself and its results store) per <see cref="StudyKey"/>.
/// </summary>
public sealed class WorkbenchCache
{
    /// <summary>Sub-folder of prepared datasets.</summary>
    public const string PreparedFolderName = "prepared";

    /// <summary>Sub-folder of checkpoints.</summary>
    public const string CheckpointsFolderName = "checkpoints";

    /// <summary>Sub-folder of studies (figure reproductions, ablations, sweeps), one folder per <see cref="StudyKey"/>.</summary>
    public const string StudiesFolderName = "studies";

    /// <param name="root">The cache folder (created when something is first written); relative paths are taken from the current directory.</param>
    public WorkbenchCache(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The default cache folder of the notebooks: <c>$XDG_CACHE_HOME/nlce/notebooks</c>, or <c>~/.cache/nlce/notebooks</c>.</summary>
    public static string DefaultFolder => Path.Combine(UserFolders.Cache, "notebooks");

    /// <summary>The cache folder, absolute.</summary>
    public string Root { get; }

    /// <summary>Folder of the prepared datasets.</summary>
    public string PreparedFolder => Path.Combine(Root, PreparedFolderName);

    /// <summary>The checkpoint folder of <paramref name="key"/>.</summary>
    public string CheckpointFolder(CheckpointKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Path.Combine(Root, CheckpointsFolderName, key.FolderName);
    }

    /// <summary>The folder of the study <paramref name="key"/>: its checkpoints, results store and written figures.</summary>
    public string StudyFolder(StudyKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Path.Combine(Root, StudiesFolderName, key.FolderName);
    }

    /// <summary>
    /// Opens <paramref name="spec"/> with the profile's phantom count (real datasets are used whole) and returns its tensors at
    /// the profile's working resolution, reading and resizing the images only when the cache holds no up-to-date copy.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is malformed or names no known dataset.</exception>
    /// <exception cref="DataFormatException">The dataset's files are missing or unreadable, or it has no Test samples.</exception>
    public WorkbenchDataset LoadDataset(string spec, ReproductionProfile profile, int seed, IProgress<DataProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        ArgumentNullException.ThrowIfNull(profile);
        var source = DatasetCatalog.Open(spec, new DatasetOpenOptions(Seed: seed, PhantomCount: profile.PhantomCount));
        var store = new PreparedDatasetStore(PreparedFolder);
        var all = store.Prepare(source, DatasetCatalog.Fingerprint(source), profile.Size, progress);
        return new WorkbenchDataset(source.Spec, all);
    }
}
