using Nlce.Models;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Training;

/// <summary>What one <c>nlce train</c> invocation asks for, after parsing.</summary>
/// <param name="OutputFolder">The run's checkpoint folder.</param>
/// <param name="Options">The run's hyperparameters.</param>
/// <param name="Resume">Continue the run whose checkpoint is in <paramref name="OutputFolder"/> instead of starting one.</param>
/// <param name="InitBackbone">A backbone weights file (<see cref="BackboneInitializer"/>) for a fresh run; null to train from scratch.</param>
public sealed record TrainingRunRequest(string OutputFolder, TrainingOptions Options, bool Resume = false, string? InitBackbone = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the field that is wrong; returns this request.</summary>
    public TrainingRunRequest Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputFolder, nameof(OutputFolder));
        ArgumentNullException.ThrowIfNull(Options, nameof(Options));
        Options.Validate();
        if (Resume && InitBackbone is not null)
            throw new ArgumentException(
                "a resumed run takes its weights from its checkpoint; an initial backbone can only be given to a fresh run.", nameof(InitBackbone));
        return this;
    }
}

/// <summary>What a <see cref="TrainingRun"/> did.</summary>
/// <param name="Training">The trainer's history and last checkpoint.</param>
/// <param name="Backbone">The backbone initialisation of a fresh run; null when training from scratch or resuming.</param>
/// <param name="ResumedAfterEpochs">Epochs the resumed checkpoint had finished; null for a fresh run.</param>
public sealed record TrainingRunResult(TrainingResult Training, BackboneInitialization? Backbone, int? ResumedAfterEpochs);

/// <summary>
/// One training run as <c>nlce train</c> performs it, on an already built model and already loaded tensors: refuses to
/// overwrite another run's checkpoint (or to resume a folder without one), initialises the backbone when asked, picks the
/// model's own loss (<see cref="SegmentationModel.DefaultLoss"/>) and trains with a checkpoint after every epoch.
/// </summary>
public sealed class TrainingRun
{
    private readonly LossFactory losses;

    /// <param name="losses">The loss of every <see cref="LossKind"/> the models may ask for.</param>
    public TrainingRun(LossFactory losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        this.losses = losses;
    }

    /// <summary>Runs <paramref name="request"/> on <paramref name="model"/> and <paramref name="data"/>.</summary>
    public TrainingRunResult Execute(TrainingRunRequest request, SegmentationModel model, TrainingData data, Device device,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        request.Validate();
        var loss = losses.Create(model.DefaultLoss);
        var store = new CheckpointStore(request.OutputFolder);
        var existing = store.TryOpen();
        if (request.Resume && existing is null)
            throw new ArgumentException($"nothing to resume: {store.SidecarPath} does not exist.", nameof(request));
        if (!request.Resume && existing is not null)
            throw new ArgumentException(
                $"{store.Folder} already holds a checkpoint of '{existing.Sidecar.Model.Name}' after epoch {existing.Sidecar.EpochsCompleted}; " +
                "resume it or choose another output folder.", nameof(request));
        var backbone = request.InitBackbone is string file ? BackboneInitializer.Load(model, file) : null;
        var trainer = new Trainer(request.Options, loss, device);
        var result = trainer.Train(model, data, store, existing, progress, cancellation);
        return new TrainingRunResult(result, backbone, existing?.Sidecar.EpochsCompleted);
    }
}
