using Nlce.Evaluation.Reproduction;
using Nlce.Models;
using Nlce.Runtime;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// Trains a registered model at a profile's size with the NLCEN paper's protocol (<see cref="TrainingRun"/>: Adam, the model's
/// own loss from <see cref="LossFactory.Paper"/>, the plateau schedule, a checkpoint every epoch), or takes it from the
/// notebook cache: a finished run under the same <see cref="CheckpointKey"/> is loaded, an interrupted one is resumed where
/// it stopped, and only a missing one is trained from scratch. The initial weights are drawn after seeding torch from (seed,
/// model name), so the same key always yields the same checkpoint, whichever notebook trains it and whatever ran before.
/// </summary>
public sealed class CachedTraining
{
    private readonly WorkbenchCache cache;
    private readonly ReproductionProfile profile;
    private readonly int seed;
    private readonly Device device;
    private readonly ModelRegistry registry;

    /// <param name="cache">Where checkpoints live.</param>
    /// <param name="profile">Width, epochs, batch size and working size of every run.</param>
    /// <param name="seed">Seed of the runs (batch order, augmentation, torch's generator).</param>
    /// <param name="device">Where models train and stay.</param>
    /// <param name="registry">Models by name; null for <see cref="ModelRegistry.Default"/>.</param>
    public CachedTraining(WorkbenchCache cache, ReproductionProfile profile, int seed, Device device, ModelRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(device);
        this.cache = cache;
        this.profile = profile;
        this.seed = seed;
        this.device = device;
        this.registry = registry ?? ModelRegistry.Default;
    }

    /// <summary>
    /// The training options of a run: the profile's epochs, batch size and working size, the paper's optimiser settings, and the
    /// paper's augmentation (flips, ±10° rotations) for RGB (skin) datasets only, as it augments ISBI 2016 but not JSRT. A model
    /// with several sequential training stages (NWCN) gets at least one epoch per stage, so the one-epoch smoke profile can
    /// still train it.
    /// </summary>
    /// <param name="data">The dataset trained on.</param>
    /// <param name="trainingStages">The model's <see cref="SegmentationModel.TrainingStages"/>.</param>
    /// <param name="learningRate">The model's <see cref="SegmentationModel.LearningRate"/>; null for the paper's.</param>
    public TrainingOptions OptionsFor(WorkbenchDataset data, int trainingStages = 1, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingStages, 1);
        return new TrainingOptions(Math.Max(profile.Epochs, trainingStages), profile.BatchSize, InputSize: profile.Size,
            Augment: data.Channels == 3, Seed: seed) { LearningRate = learningRate ?? TrainingOptions.PaperLearningRate }.Validate();
    }

    /// <summary>The checkpoint folder of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public string CheckpointFolder(string model, WorkbenchDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return cache.CheckpointFolder(CheckpointKey.For(registry.Find(model).Name, data.Spec, profile, seed));
    }

    /// <summary>Returns <paramref name="model"/> trained on <paramref name="data"/>, from the cache where possible.</summary>
    /// <exception cref="ArgumentException">Unknown model name; or the cached checkpoint was written with other options.</exception>
    /// <exception cref="Data.DataFormatException">The cached checkpoint is unreadable or does not fit the model; delete its folder.</exception>
    public TrainedModel TrainOrLoad(string model, WorkbenchDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(data);
        string name = registry.Find(model).Name;
        string folder = CheckpointFolder(name, data);
        bool resume = new CheckpointStore(folder).TryOpen() is not null;
        // The initial weights come from torch's generator: seed it from (seed, model) first, so that a checkpoint depends only on
        // its key and not on what the session did before (e.g. whether an earlier model was trained, drawing numbers, or loaded).
        Determinism.SeedAll(Determinism.Derive(seed, $"initial weights of {name}"));
        var network = registry.Create(name, data.Channels, classes: 2, profile.Width);
        try
        {
            var options = OptionsFor(data, network.TrainingStages, network.LearningRate);
            using var training = TrainingData.FromSplits(data.All, data.Spec);
            var result = new TrainingRun(LossFactory.Paper).Execute(new TrainingRunRequest(folder, options, resume), network, training, device,
                progress, cancellation);
            network.eval();
            bool reused = result.ResumedAfterEpochs == options.Epochs;
            return new TrainedModel(network, result.Training.History, reused, folder);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
