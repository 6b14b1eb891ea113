using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nlce.Models;
using Nlce.Training.Defenses;
using TorchSharp;
using TorchSharp.Modules;

namespace Nlce.Training.Checkpoints;

/// <summary>
/// The checkpoint folder of one training run. After every epoch <see cref="Save"/> writes the weights
/// (<c>weights-epochNNNN.dat</c>, TorchSharp's <c>Module.save</c> format), the Adam state (<c>optimizer-epochNNNN.dat</c>,
/// TorchSharp's <c>save_state_dict</c> format: moments, step counts, hyperparameters) and then the sidecar
/// <c>checkpoint.json</c> (<see cref="CheckpointSidecar"/>) that names them. Each file is written to a temporary name and
/// renamed into place, and the sidecar is renamed last, so a run killed at any moment leaves the previous complete
/// checkpoint readable; files of older epochs are deleted once the new sidecar is in place.
/// </summary>
public sealed class CheckpointStore
{
    /// <summary>Layout version written into every sidecar.</summary>
    public const int FormatVersion = 1;

    /// <summary>Name of the sidecar in the folder.</summary>
    public const string SidecarFileName = "checkpoint.json";

    private const string WeightsPrefix = "weights-epoch";
    private const string OptimizerPrefix = "optimizer-epoch";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <param name="folder">The run's output folder (created on the first save).</param>
    public CheckpointStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    /// <summary>Full path of the sidecar.</summary>
    public string SidecarPath => Path.Combine(Folder, SidecarFileName);

    /// <summary>The latest checkpoint of the folder, or null when it has none (no sidecar).</summary>
    public Checkpoint? TryOpen() => File.Exists(SidecarPath) ? Checkpoint.Open(Folder) : null;

    /// <summary>
    /// Writes the checkpoint after epoch <c>history.Count</c> (1-based count of finished epochs) and returns it.
    /// </summary>
    /// <param name="model">The model whose parameters and buffers are saved.</param>
    /// <param name="optimizer">The optimizer of the current stage, whose state is saved.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="data">What the run trains on (its spec and validation split are recorded).</param>
    /// <param name="stage">The stage of the last finished epoch.</param>
    /// <param name="schedule">The learning-rate schedule state after it.</param>
    /// <param name="history">Every finished epoch, in order.</param>
    /// <param name="objective">The training objective's record after that epoch; null for plain training.</param>
    public Checkpoint Save(SegmentationModel model, OptimizerHelper optimizer, TrainingOptions options, TrainingData data, int stage,
        LearningRateScheduleState schedule, IReadOnlyList<EpochMetrics> history, TrainingObjectiveRecord? objective = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < 1)
            throw new ArgumentException("a checkpoint is written after an epoch; history is empty.", nameof(history));
        Directory.CreateDirectory(Folder);
        string weightsFile = $"{WeightsPrefix}{history.Count:D4}.dat";
        string optimizerFile = $"{OptimizerPrefix}{history.Count:D4}.dat";
        AtomicFile.Write(Path.Combine(Folder, weightsFile), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            model.save(writer);
        });
        AtomicFile.Write(Path.Combine(Folder, optimizerFile), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            optimizer.save_state_dict(writer);
        });
        var sidecar = new CheckpointSidecar(
            FormatVersion,
            typeof(CheckpointStore).Assembly.GetName().Version?.ToString() ?? "unknown",
            torch.__version__,
            model.Config,
            model.TrainingStages,
            options,
            data.Spec,
            data.ValidationSplit,
            history.Count,
            stage,
            schedule,
            history.ToList(),
            weightsFile,
            optimizerFile,
            DateTimeOffset.UtcNow,
            objective);
        AtomicFile.Write(SidecarPath, stream => JsonSerializer.Serialize(stream, sidecar, Json));
        DeleteOlderEpochFiles(weightsFile, optimizerFile);
        return new Checkpoint(Folder, sidecar);
    }

    private void DeleteOlderEpochFiles(string keepWeights, string keepOptimizer)
    {
        foreach (var path in Directory.EnumerateFiles(Folder, $"{WeightsPrefix}*.dat").Concat(Directory.EnumerateFiles(Folder, $"{OptimizerPrefix}*.dat")))
        {
            string name = Path.GetFileName(path);
            if (name != keepWeights && name != keepOptimizer)
                File.Delete(path);
        }
    }
}
