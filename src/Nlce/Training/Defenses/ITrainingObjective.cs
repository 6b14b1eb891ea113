using System.Text.Json.Nodes;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Training.Defenses;

/// <summary>Where in a run a batch is: the run's seed, the epoch (0-based) and the batch within it (0-based).</summary>
/// <param name="Seed">The run's <see cref="TrainingOptions.Seed"/>; objectives derive their own random streams from it.</param>
/// <param name="Epoch">Epoch of the batch (0-based).</param>
/// <param name="Batch">Batch within the epoch (0-based).</param>
public sealed record TrainingStep(int Seed, int Epoch, int Batch);

/// <summary>
/// What the <see cref="Trainer"/> minimises for one batch, when it is something other than the model's own loss on the clean
/// batch: adversarial training (<see cref="SatObjective"/>, <see cref="AmatObjective"/>, issue 5, seed 004), a temperature
/// (<see cref="TemperatureObjective"/>) or defensive distillation (<see cref="DistillationObjective"/>, seed 002). A trainer
/// without an objective keeps its plain behaviour bit for bit.
/// </summary>
/// <remarks>
/// An objective may keep state across batches and epochs (AMAT's per-sample margins). That state is written into every
/// checkpoint (<see cref="Record"/>) and handed back by <see cref="Start"/> on resume, so a resumed run continues exactly.
/// </remarks>
public interface ITrainingObjective
{
    /// <summary>A short stable name (e.g. <c>sat</c>), written into checkpoints; a resume must use the same objective.</summary>
    string Name { get; }

    /// <summary>The objective's hyperparameters as JSON, written into checkpoints and compared field by field on resume.</summary>
    JsonObject Settings { get; }

    /// <summary>
    /// Called once per <see cref="Trainer.Train"/> call, after the model is on <paramref name="device"/> and before the first
    /// batch. <paramref name="resumed"/> is the record of the checkpoint the run resumes from (null for a fresh run); a
    /// malformed state is a <see cref="Data.DataFormatException"/> naming <paramref name="source"/>.
    /// </summary>
    void Start(SegmentationModel model, TrainingData data, Device device, TrainingObjectiveRecord? resumed, string? source);

    /// <summary>The scalar to minimise for <paramref name="batch"/>; the model is in training mode and gradients are enabled.</summary>
    /// <param name="step">Where the batch is in the run.</param>
    /// <param name="model">The model being trained.</param>
    /// <param name="batch">Images, masks and the batch's sample indices in the training set.</param>
    /// <param name="loss">The model's own loss (<see cref="SegmentationModel.DefaultLoss"/>).</param>
    Tensor Loss(TrainingStep step, SegmentationModel model, SegmentationBatch batch, SegmentationLoss loss);

    /// <summary>Called after the last batch of <paramref name="epoch"/>, before its checkpoint is written.</summary>
    void EndEpoch(int epoch);

    /// <summary>Name, settings and current state, for the checkpoint written now.</summary>
    TrainingObjectiveRecord Record();
}
