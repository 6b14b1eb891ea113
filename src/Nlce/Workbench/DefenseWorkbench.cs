using Nlce.Evaluation.Reproduction;
using Nlce.Models;
using Nlce.Training.Checkpoints;
using Nlce.Training.Defenses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// Notebook 08's entry to <see cref="DefenseReproduction"/> (issue 5): the same training and sweep as <c>nlce reproduce defenses</c>,
/// kept in the notebook cache under <c>defenses/&lt;key&gt;/</c> (one folder per model, dataset, profile and seed, named like a
/// <see cref="CheckpointKey"/>), so a re-run of the notebook reuses every checkpoint and stored result.
/// </summary>
public sealed class DefenseWorkbench
{
    /// <summary>Sub-folder of the cache that holds the defense reproductions.</summary>
    public const string FolderName = "defenses";

    private readonly WorkbenchCache cache;
    private readonly Device device;

    /// <param name="cache">The notebooks' cache.</param>
    /// <param name="profile">Sizes of the run.</param>
    /// <param name="dataset">Dataset spec.</param>
    /// <param name="model">Registry name of the defended model.</param>
    /// <param name="seed">Seed of data, weights, training and attacks.</param>
    /// <param name="device">Where models train and are attacked.</param>
    /// <exception cref="ArgumentException">An unknown model or a blank dataset.</exception>
    public DefenseWorkbench(WorkbenchCache cache, ReproductionProfile profile, string dataset, string model, int seed, Device device)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        ArgumentNullException.ThrowIfNull(device);
        this.cache = cache;
        this.device = device;
        Reproduction = new DefenseReproduction(profile, dataset, model, device, seed);
        OutputFolder = Path.Combine(cache.Root, FolderName, CheckpointKey.For(Reproduction.Model, dataset, profile, seed).FolderName);
    }

    /// <summary>The reproduction this notebook drives.</summary>
    public DefenseReproduction Reproduction { get; }

    /// <summary>Where its checkpoints, results store and report files live.</summary>
    public string OutputFolder { get; }

    /// <summary>Trains what is missing, sweeps what is not stored, and writes the report (see <see cref="DefenseReproduction.Run"/>).</summary>
    public DefenseReproductionResult Run(IProgress<ReproductionProgress>? progress = null, CancellationToken cancellation = default) =>
        Reproduction.Run(OutputFolder, cache.PreparedFolder, progress, cancellation);

    /// <summary>The trained model of <paramref name="kind"/> (after <see cref="Run"/>), on the device, in eval mode. Dispose it.</summary>
    /// <exception cref="Data.DataFormatException">The checkpoint does not exist yet or is unreadable.</exception>
    public SegmentationModel Load(DefenseKind kind)
    {
        var model = CheckpointModels.Load(Reproduction.CheckpointFolder(OutputFolder, kind));
        model.to(device);
        model.eval();
        return model;
    }
}
