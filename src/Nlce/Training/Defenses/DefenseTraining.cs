using System.Security.Cryptography;
using Nlce.Models;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Training.Defenses;

/// <summary>The training defenses of issue 5.</summary>
public enum DefenseKind
{
    /// <summary>Plain training with the model's own loss.</summary>
    None,

    /// <summary>Standard adversarial training (<see cref="SatObjective"/>).</summary>
    Sat,

    /// <summary>Adaptive-margin adversarial training (<see cref="AmatObjective"/>).</summary>
    Amat,

    /// <summary>Defensive distillation (<see cref="TemperatureObjective"/> for the teacher, <see cref="DistillationObjective"/> for the student).</summary>
    Distill,
}

/// <summary>What a <see cref="DefenseTraining"/> run did.</summary>
/// <param name="Defense">The defense trained.</param>
/// <param name="Training">The defended model's history and last checkpoint (the student's, for distillation).</param>
/// <param name="ResumedAfterEpochs">Epochs the defended model's checkpoint had finished when resumed; null for a fresh model.</param>
/// <param name="Margins">AMAT: margin statistics per epoch (mean, min, max); empty for the other defenses.</param>
/// <param name="DiceThreshold">AMAT: τ in use; null for the other defenses.</param>
/// <param name="Teacher">Distillation: the teacher's history and checkpoint when it was trained by this run (or an earlier run into
/// the same folder); null when a teacher checkpoint was given, and for the other defenses.</param>
public sealed record DefenseTrainingResult(
    DefenseKind Defense,
    TrainingResult Training,
    int? ResumedAfterEpochs,
    IReadOnlyList<MarginEpochSummary> Margins,
    double? DiceThreshold,
    TrainingResult? Teacher);

/// <summary>
/// Trains any registry model with one of the training defenses of issue 5 — SAT, AMAT (seed 004) or defensive distillation
/// (seed 002) — in a checkpoint folder, resumable like <see cref="TrainingRun"/>: the request's <see cref="TrainingRunRequest.Resume"/>
/// continues the folder's run (its objective state included), a fresh run refuses a folder that already holds a checkpoint.
/// </summary>
/// <remarks>
/// Distillation without a teacher checkpoint trains the teacher first, at T with the same <see cref="TrainingOptions"/>, in the
/// sub-folder <see cref="TeacherFolderName"/> of the output folder, and then the student in the output folder itself; the
/// output folder's checkpoint is therefore the deployable (student) model, and a resume continues whichever of the two was
/// interrupted.
/// </remarks>
public sealed class DefenseTraining
{
    /// <summary>The sub-folder of a distillation run's output folder where its teacher is trained.</summary>
    public const string TeacherFolderName = "teacher";

    private readonly LossFactory losses;
    private readonly ModelRegistry registry;

    /// <param name="losses">The loss of every <see cref="LossKind"/> the models may ask for.</param>
    /// <param name="registry">Builds teachers (from the student's <see cref="ModelConfig"/>, or from a teacher checkpoint's).</param>
    public DefenseTraining(LossFactory losses, ModelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(registry);
        this.losses = losses;
        this.registry = registry;
    }

    /// <summary>Standard adversarial training of <paramref name="model"/> (<see cref="SatObjective"/>).</summary>
    public DefenseTrainingResult Sat(TrainingRunRequest request, SatOptions sat, SegmentationModel model, TrainingData data, Device device,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sat);
        var (result, resumed) = Run(request, request.OutputFolder, new SatObjective(sat), model, data, device, false, progress, cancellation);
        return new DefenseTrainingResult(DefenseKind.Sat, result, resumed, [], null, null);
    }

    /// <summary>Adaptive-margin adversarial training of <paramref name="model"/> (<see cref="AmatObjective"/>).</summary>
    public DefenseTrainingResult Amat(TrainingRunRequest request, AmatOptions amat, SegmentationModel model, TrainingData data, Device device,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(amat);
        var objective = new AmatObjective(amat);
        var (result, resumed) = Run(request, request.OutputFolder, objective, model, data, device, false, progress, cancellation);
        return new DefenseTrainingResult(DefenseKind.Amat, result, resumed, objective.Margins.History, objective.DiceThreshold, null);
    }

    /// <summary>
    /// Defensive distillation: the teacher from <paramref name="teacherCheckpoint"/> (a checkpoint folder), or, when null, a teacher
    /// of <paramref name="student"/>'s architecture trained here at T; then <paramref name="student"/> trained at T on the teacher's
    /// soft labels (<see cref="DistillationObjective"/>).
    /// </summary>
    public DefenseTrainingResult Distill(TrainingRunRequest request, DistillationOptions distillation, SegmentationModel student, TrainingData data,
        Device device, string? teacherCheckpoint = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(distillation);
        ArgumentNullException.ThrowIfNull(student);
        request.Validate();
        distillation.Validate();
        TrainingResult? teacherTraining = null;
        string teacherFolder;
        if (teacherCheckpoint is null)
        {
            teacherFolder = Path.Combine(request.OutputFolder, TeacherFolderName);
            bool studentStarted = new CheckpointStore(request.OutputFolder).TryOpen() is not null;
            using var fresh = registry.Create(student.Config);
            (teacherTraining, _) = Run(request, teacherFolder, new TemperatureObjective(distillation.Temperature), fresh, data,
                device, allowFreshOnResume: request.Resume && !studentStarted, progress, cancellation);
        }
        else
            teacherFolder = teacherCheckpoint;

        using var teacher = CheckpointModels.Load(teacherFolder, registry);
        string identity = WeightsIdentity(Checkpoint.Open(teacherFolder));
        var objective = new DistillationObjective(teacher, distillation, identity);
        var (result, resumed) = Run(request, request.OutputFolder, objective, student, data, device,
            allowFreshOnResume: request.Resume && teacherCheckpoint is null, progress, cancellation);
        return new DefenseTrainingResult(DefenseKind.Distill, result, resumed, [], null, teacherTraining);
    }

    /// <summary>The name and SHA-256 of a checkpoint's weights file, which pins a teacher for resumes.</summary>
    private static string WeightsIdentity(Checkpoint checkpoint)
    {
        using var stream = File.OpenRead(checkpoint.WeightsPath);
        return $"{checkpoint.Sidecar.Model.Name} sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))}";
    }

    private (TrainingResult Result, int? ResumedAfterEpochs) Run(TrainingRunRequest request, string folder, ITrainingObjective objective,
        SegmentationModel model, TrainingData data, Device device, bool allowFreshOnResume, IProgress<TrainingProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        request.Validate();
        var store = new CheckpointStore(folder);
        var existing = store.TryOpen();
        if (request.Resume && existing is null && !allowFreshOnResume)
            throw new ArgumentException($"nothing to resume: {store.SidecarPath} does not exist.", nameof(request));
        if (!request.Resume && existing is not null)
            throw new ArgumentException(
                $"{store.Folder} already holds a checkpoint of '{existing.Sidecar.Model.Name}' after epoch {existing.Sidecar.EpochsCompleted}; " +
                "resume it or choose another output folder.", nameof(request));
        if (existing is null && request.InitBackbone is string file)
            BackboneInitializer.Load(model, file);
        var trainer = new Trainer(request.Options, losses.Create(model.DefaultLoss), device, objective);
        return (trainer.Train(model, data, store, existing, progress, cancellation), existing?.Sidecar.EpochsCompleted);
    }
}
