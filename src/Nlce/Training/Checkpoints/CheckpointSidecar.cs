using Nlce.Data;
using Nlce.Models;
using Nlce.Training.Defenses;

namespace Nlce.Training.Checkpoints;

/// <summary>
/// The JSON file (<c>checkpoint.json</c>) beside a checkpoint's weights: everything needed to rebuild the model, check
/// that weights fit it, and continue the run exactly where it stopped. It is written last and atomically, so it always
/// names weight and optimizer files that are complete.
/// </summary>
/// <param name="FormatVersion">Layout version of the checkpoint folder (<see cref="CheckpointStore.FormatVersion"/>).</param>
/// <param name="LibraryVersion">Version of the Nlce library that wrote it.</param>
/// <param name="LibTorchVersion">libtorch version that wrote it.</param>
/// <param name="Model">How the model was built (registry name, channels, classes).</param>
/// <param name="TrainingStages">The model's number of training stages.</param>
/// <param name="Options">The run's hyperparameters, seed included.</param>
/// <param name="DatasetSpec">The dataset spec trained on.</param>
/// <param name="ValidationSplit">The split scored after each epoch; null for none.</param>
/// <param name="EpochsCompleted">Epochs finished; the run continues with epoch <c>EpochsCompleted</c> (0-based).</param>
/// <param name="Stage">Training stage of the last finished epoch; the optimizer and schedule state belong to it.</param>
/// <param name="Schedule">Learning-rate schedule state after the last finished epoch.</param>
/// <param name="History">One record per finished epoch.</param>
/// <param name="WeightsFile">File name (in the checkpoint folder) of the weights, in TorchSharp's format (<c>Module.save</c>).</param>
/// <param name="OptimizerFile">File name of the Adam state (moments and step counts), in TorchSharp's optimizer format (<c>save_state_dict</c>).</param>
/// <param name="SavedAt">When the checkpoint was written.</param>
/// <param name="Objective">The training objective (adversarial training, distillation) with its settings and state after the last
/// finished epoch; null for plain training (and in sidecars written before objectives existed).</param>
public sealed record CheckpointSidecar(
    int FormatVersion,
    string LibraryVersion,
    string LibTorchVersion,
    ModelConfig Model,
    int TrainingStages,
    TrainingOptions Options,
    string DatasetSpec,
    DatasetSplit? ValidationSplit,
    int EpochsCompleted,
    int Stage,
    LearningRateScheduleState Schedule,
    IReadOnlyList<EpochMetrics> History,
    string WeightsFile,
    string OptimizerFile,
    DateTimeOffset SavedAt,
    TrainingObjectiveRecord? Objective = null);
