using Nlce.Evaluation.Reproduction;
using Nlce.Models;
using Nlce.Training;
using Nlce.Training.Ablation;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// The ablation study of Fig. 7 (NLCEN paper, "Ablation Studies") at a profile's size, cached in the notebook folder: the five
/// models of <see cref="AblationProtocol"/> (w/o NLCE from scratch; w/o NL, w/o CE and NLCEN fine-tuned on the frozen w/o-NLCE
/// layers; NLCEN fine-tuned with nothing frozen), the R18 variants of <see cref="AblationRegistryModels"/> at the profile's width.
/// The paper gives no epoch counts; step 1 trains the profile's epochs and each fine-tuning half of them (at least one).
/// </summary>
public sealed class AblationStudy
{
    /// <summary>The study name in the cache key.</summary>
    public const string StudyName = "fig7-ablation";

    private readonly WorkbenchCache cache;
    private readonly ReproductionProfile profile;
    private readonly int seed;
    private readonly Device device;

    /// <param name="cache">Where the five checkpoints live (<c>studies/&lt;key&gt;/checkpoints/&lt;step&gt;</c>).</param>
    /// <param name="profile">Width, epochs, batch size and working size.</param>
    /// <param name="seed">Seed of the runs.</param>
    /// <param name="device">Where the models train and stay.</param>
    public AblationStudy(WorkbenchCache cache, ReproductionProfile profile, int seed, Device device)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(device);
        this.cache = cache;
        this.profile = profile;
        this.seed = seed;
        this.device = device;
    }

    /// <summary>The options of the three phases on <paramref name="data"/>: the profile's epochs for step 1, half of them (≥ 1) for each fine-tuning.</summary>
    public AblationOptions OptionsFor(WorkbenchDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var shared = new CachedTraining(cache, profile, seed, device).OptionsFor(data);
        int fineTuning = Math.Max(1, profile.Epochs / 2);
        return AblationOptions.WithEpochs(shared, profile.Epochs, fineTuning, fineTuning);
    }

    /// <summary>The study's folder: its checkpoints and its results store.</summary>
    public string Folder(WorkbenchDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return cache.StudyFolder(StudyKey.For(StudyName, data.Spec, profile, seed));
    }

    /// <summary>Trains (or loads, or resumes) the five models on <paramref name="data"/>; the caller disposes the result.</summary>
    /// <exception cref="ArgumentException">A cached checkpoint was written with other options or data.</exception>
    public AblationResult Run(WorkbenchDataset data, IProgress<AblationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var factory = AblationRegistryModels.Factory(ModelRegistry.Default, data.Channels, classes: 2, profile.Width);
        using var training = TrainingData.FromSplits(data.All, data.Spec);
        var result = new AblationProtocol(OptionsFor(data), LossFactory.Paper, device)
            .Run(factory, training, Path.Combine(Folder(data), "checkpoints"), progress, cancellation);
        foreach (var model in result.Models)
            model.Model.eval();
        return result;
    }
}
