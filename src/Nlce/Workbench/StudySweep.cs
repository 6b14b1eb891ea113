using Nlce.Data.Tensors;
using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// The robustness sweep of the notebooks (NLCEN paper, Comparison with the State of the Art: "under each given intensity of
/// perturbation, we generate adversarial samples of the testing set on the basis of the benchmark model and test its segmentation
/// accuracy"): the same <see cref="RobustnessSweep"/> and the same attacked images as <c>nlce reproduce</c>
/// (<see cref="FigureReproduction"/>: the first <see cref="ReproductionProfile.TestImages"/> images of the Test split), for any
/// set of models and attacks, into a results store that a re-run completes instead of recomputing.
/// </summary>
public sealed class StudySweep
{
    private readonly ReproductionProfile profile;
    private readonly int seed;
    private readonly Device device;
    private readonly AttackRegistry registry;

    /// <param name="profile">Decides how many test images are attacked.</param>
    /// <param name="seed">Seed of the result keys and of the attacks' random starts.</param>
    /// <param name="device">Where the models live and the attacks run.</param>
    /// <param name="registry">Attacks by name; null for <see cref="AttackRegistry.Default"/>.</param>
    public StudySweep(ReproductionProfile profile, int seed, Device device, AttackRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(device);
        this.profile = profile;
        this.seed = seed;
        this.device = device;
        this.registry = registry ?? AttackRegistry.Default;
    }

    /// <summary>The images a profile attacks: the first <see cref="ReproductionProfile.TestImages"/> of the Test split (all when null), in dataset order.</summary>
    public static SegmentationTensorSet AttackedImages(WorkbenchDataset data, ReproductionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(profile);
        int count = Math.Min(data.Test.Count, profile.TestImages ?? int.MaxValue);
        return data.Test.Select(Enumerable.Range(0, count).ToArray());
    }

    /// <summary>
    /// Scores every model clean and under every attack at every ε on the profile's attacked images, computing only what
    /// <paramref name="store"/> lacks.
    /// </summary>
    /// <param name="store">Where results are read and written.</param>
    /// <param name="models">The models by the names their rows carry; they must live on the sweep's device.</param>
    /// <param name="data">The dataset whose Test split is attacked.</param>
    /// <param name="attacks">Attack names of the registry.</param>
    /// <param name="epsilons">ε list, intensity units (0–255 scale).</param>
    /// <param name="progress">Receives a report after every stored batch.</param>
    /// <param name="cancellation">Stops between batches; finished batches stay stored.</param>
    /// <exception cref="ArgumentException">No model, an unknown attack, an invalid ε list, or models that do not fit the images.</exception>
    /// <exception cref="InvalidOperationException">The store holds rows of other weights or images under the same names (e.g. a
    /// checkpoint was retrained); delete the study's folder.</exception>
    public SweepReport Run(ResultsStore store, IReadOnlyDictionary<string, SegmentationModel> models, WorkbenchDataset data,
        IReadOnlyList<string> attacks, IReadOnlyList<double> epsilons, IProgress<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(data);
        var options = new SweepOptions { Attacks = attacks, Epsilons = epsilons, Seed = seed }.Validate();
        using var images = AttackedImages(data, profile);
        return new RobustnessSweep(models, images, options, device, registry,
                imagesDescription: $"{data.Spec} test split, {images.Count} images, {images.Height}²")
            .Run(store, progress, cancellation);
    }
}
