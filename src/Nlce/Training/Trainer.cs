using System.Diagnostics;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Runtime;
using Nlce.Training.Checkpoints;
using Nlce.Training.Defenses;
using Nlce.Training.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Training;

/// <summary>What a finished <see cref="Trainer.Train"/> call leaves behind.</summary>
/// <param name="History">Every finished epoch of the run, resumed ones included.</param>
/// <param name="LastCheckpoint">The checkpoint written after the last epoch; null when no store was given.</param>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> History, Checkpoint? LastCheckpoint);

/// <summary>
/// Trains a <see cref="SegmentationModel"/> with the NLCEN paper's protocol (Implementation): Adam, mini-batches from a
/// seeded <see cref="BatchIterator"/>, the model's own loss, the plateau learning-rate rule
/// (<see cref="PlateauLearningRateSchedule"/>), and after every epoch validation DIC/JSC (eq. 7–8) and a checkpoint.
/// </summary>
/// <remarks>
/// <para><b>Stages.</b> A model with several <see cref="SegmentationModel.TrainingStages"/> (NWCN) trains stage k for its
/// share of the epochs (<see cref="TrainingStagePlan"/>) after <see cref="SegmentationModel.PrepareTrainingStage"/>(k). Each
/// stage gets a fresh Adam over the parameters that then require gradients — so frozen sub-networks are not moved by
/// momentum or weight decay — and a fresh schedule starting at <see cref="TrainingOptions.LearningRate"/>.</para>
/// <para><b>Reproducibility and resume.</b> The batches and augmentation of epoch e depend only on (seed, e), and torch's
/// global generator is re-seeded from (seed, e) at the start of every epoch (so dropout draws do too). A checkpoint holds
/// the weights, the Adam state and the schedule state, so a run resumed from the checkpoint of epoch e continues exactly
/// as if it had not stopped: on CPU it ends with the same weights. A resumed run replays
/// <see cref="SegmentationModel.PrepareTrainingStage"/> for every stage up to the current one, in order, before the
/// weights are restored.</para>
/// <para><b>Objectives.</b> By default each batch minimises the model's own loss on the clean batch. An
/// <see cref="ITrainingObjective"/> replaces that per-batch loss (adversarial training, distillation); its settings and state
/// are written into every checkpoint and restored on resume, and a resume with another objective or other settings is refused.</para>
/// <para><b>Memory.</b> Every batch runs in its own dispose scope; nothing per step outlives it.</para>
/// </remarks>
public sealed class Trainer
{
    private readonly TrainingOptions options;
    private readonly SegmentationLoss loss;
    private readonly Device device;
    private readonly PlateauLearningRateSchedule schedule;
    private readonly ITrainingObjective? objective;

    /// <param name="options">The run's hyperparameters (validated here).</param>
    /// <param name="loss">The loss to minimise, usually <see cref="LossFactory.Create"/> of the model's <see cref="SegmentationModel.DefaultLoss"/>.</param>
    /// <param name="device">Where the model and batches live.</param>
    /// <param name="objective">What each batch minimises instead of <paramref name="loss"/> on the clean batch (it receives
    /// <paramref name="loss"/>); null for plain training.</param>
    public Trainer(TrainingOptions options, SegmentationLoss loss, Device device, ITrainingObjective? objective = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(device);
        this.options = options.Validate();
        this.loss = loss;
        this.device = device;
        this.objective = objective;
        schedule = PlateauLearningRateSchedule.From(options);
    }

    /// <summary>
    /// Trains <paramref name="model"/> (moved to the trainer's device) for the epochs of the options, or, with
    /// <paramref name="resumeFrom"/>, for the epochs that checkpoint had not finished. Throws
    /// <see cref="OperationCanceledException"/> between batches when <paramref name="cancellation"/> fires; the checkpoint
    /// of the last finished epoch stays usable for a resume.
    /// </summary>
    /// <param name="model">The model to train.</param>
    /// <param name="data">Training and validation tensors at <see cref="TrainingOptions.InputSize"/>².</param>
    /// <param name="checkpoints">Where a checkpoint is written after every epoch; null for none.</param>
    /// <param name="resumeFrom">A checkpoint of this same run (same options, dataset and model) to continue.</param>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellation">Stops the run between batches.</param>
    public TrainingResult Train(SegmentationModel model, TrainingData data, CheckpointStore? checkpoints = null, Checkpoint? resumeFrom = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckData(model, data);
        var plan = new TrainingStagePlan(options.Epochs, model.TrainingStages);
        if (resumeFrom is not null)
            CheckResumable(model, data, resumeFrom);
        var history = new List<EpochMetrics>(resumeFrom?.Sidecar.History ?? []);
        var last = resumeFrom;
        int start = history.Count;
        model.to(device);
        objective?.Start(model, data, device, resumeFrom?.Sidecar.Objective, resumeFrom?.SidecarPath);
        if (start == options.Epochs)
        {
            resumeFrom!.RestoreWeights(model);
            return new TrainingResult(history, last);
        }
        var batches = new BatchIterator(data.Train, options.BatchSize, Determinism.Derive(options.Seed, "training batches"),
            options.Augment ? PairedAugmentation.Paper : null, device);
        int firstStage = plan.StageOf(start);
        for (int stage = 0; stage < plan.Stages; stage++)
        {
            model.PrepareTrainingStage(stage);
            if (stage < firstStage)
                continue; // a finished stage, replayed so that a resumed model is in the state the interrupted one was
            if (stage == firstStage && resumeFrom is not null)
                resumeFrom.RestoreWeights(model);
            using var optimizer = CreateOptimizer(model, stage);
            var rate = schedule.Start(options.LearningRate);
            if (resumeFrom is not null && resumeFrom.Sidecar.Stage == stage)
            {
                resumeFrom.RestoreOptimizer(optimizer);
                rate = resumeFrom.Sidecar.Schedule;
                SetLearningRate(optimizer, rate.LearningRate);
            }
            for (int epoch = Math.Max(start, plan.FirstEpoch(stage)); epoch < plan.EndEpoch(stage); epoch++)
            {
                var metrics = RunEpoch(model, data, batches, optimizer, plan, stage, epoch, rate.LearningRate, progress, cancellation);
                rate = schedule.Next(rate, metrics.TrainingLoss);
                SetLearningRate(optimizer, rate.LearningRate);
                history.Add(metrics);
                objective?.EndEpoch(epoch);
                last = checkpoints?.Save(model, optimizer, options, data, stage, rate, history, objective?.Record());
                progress?.Report(new TrainingProgress(TrainingPhase.Epoch, stage, plan.Stages, epoch, options.Epochs, batches.BatchCount,
                    batches.BatchCount, metrics.TrainingLoss, metrics.LearningRate, metrics.ValidationDice));
            }
        }
        return new TrainingResult(history, last);
    }

    private EpochMetrics RunEpoch(SegmentationModel model, TrainingData data, BatchIterator batches, Adam optimizer, TrainingStagePlan plan,
        int stage, int epoch, double learningRate, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        Determinism.SeedAll(Determinism.Derive(options.Seed, $"torch generator, epoch {epoch}"));
        model.train();
        double lossSum = 0;
        long samples = 0;
        int done = 0;
        foreach (var batch in batches.Epoch(epoch))
        {
            double batchLoss;
            using (batch)
            using (var scope = NewDisposeScope())
            {
                cancellation.ThrowIfCancellationRequested();
                optimizer.zero_grad();
                var value = objective is null
                    ? loss(model.ForwardTraining(batch.Images), batch.Masks)
                    : objective.Loss(new TrainingStep(options.Seed, epoch, done), model, batch, loss);
                if (value.numel() != 1)
                    throw new InvalidOperationException($"the loss must be a scalar; it returned shape {StateDictLoader.Shape(value)}.");
                value.backward();
                optimizer.step();
                batchLoss = value.ToDouble();
            }
            if (!double.IsFinite(batchLoss))
                throw new InvalidOperationException(
                    $"the training loss became {batchLoss} at epoch {epoch}, batch {done} (learning rate {learningRate}); training diverged.");
            lossSum += batchLoss * batch.Indices.Length;
            samples += batch.Indices.Length;
            done++;
            progress?.Report(new TrainingProgress(TrainingPhase.Batch, stage, plan.Stages, epoch, options.Epochs, done, batches.BatchCount,
                batchLoss, learningRate, null));
        }
        var scores = data.Validation is { Count: > 0 } validation
            ? ValidationEvaluator.Evaluate(model, validation, options.BatchSize, device)
            : null;
        return new EpochMetrics(epoch, stage, lossSum / samples, learningRate, scores?.MeanDice, scores?.MeanJaccard, clock.Elapsed.TotalSeconds);
    }

    private Adam CreateOptimizer(SegmentationModel model, int stage)
    {
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        if (trainable.Count == 0)
            throw new InvalidOperationException($"model '{model.Config.Name}' has no trainable parameters in training stage {stage}.");
        return optim.Adam(trainable, lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2, eps: options.AdamEpsilon,
            weight_decay: options.WeightDecay, amsgrad: false, maximize: false);
    }

    private static void SetLearningRate(Adam optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
    }

    private void CheckData(SegmentationModel model, TrainingData data)
    {
        if (data.Train.Count == 0)
            throw new ArgumentException("the training set is empty.", nameof(data));
        foreach (var (set, role) in new[] { (data.Train, "training"), (data.Validation, "validation") })
        {
            if (set is null)
                continue;
            if (set.Channels != model.Config.InputChannels)
                throw new ArgumentException(
                    $"the {role} images of '{data.Spec}' have {set.Channels} channel(s) but model '{model.Config.Name}' expects {model.Config.InputChannels}.",
                    nameof(data));
            if (set.Height != options.InputSize || set.Width != options.InputSize)
                throw new ArgumentException(
                    $"the {role} images of '{data.Spec}' are {set.Width}×{set.Height} but TrainingOptions.InputSize is {options.InputSize}.", nameof(data));
        }
    }

    private void CheckResumable(SegmentationModel model, TrainingData data, Checkpoint checkpoint)
    {
        var saved = checkpoint.Sidecar;
        var differences = options.Differences(saved.Options);
        if (differences.Count > 0)
            throw new ArgumentException(
                $"{checkpoint.SidecarPath} was written with other training options (this run vs checkpoint): {string.Join("; ", differences)}. " +
                "A resumed run must use the options it started with.", nameof(checkpoint));
        if (saved.DatasetSpec != data.Spec)
            throw new ArgumentException(
                $"{checkpoint.SidecarPath} was trained on dataset '{saved.DatasetSpec}', not '{data.Spec}'.", nameof(checkpoint));
        if (saved.TrainingStages != model.TrainingStages)
            throw new ArgumentException(
                $"{checkpoint.SidecarPath} was trained in {saved.TrainingStages} stage(s) but model '{model.Config.Name}' has {model.TrainingStages}.", nameof(checkpoint));
        var mine = objective is null ? null : new TrainingObjectiveRecord(objective.Name, objective.Settings, null);
        IReadOnlyList<string> objectiveDifferences = (mine, saved.Objective) switch
        {
            (null, null) => [],
            (null, { } theirs) => [$"objective: plain training vs {theirs.Name}"],
            ({ } ours, null) => [$"objective: {ours.Name} vs plain training"],
            ({ } ours, { } theirs) => ours.Differences(theirs),
        };
        if (objectiveDifferences.Count > 0)
            throw new ArgumentException(
                $"{checkpoint.SidecarPath} was written with another training objective (this run vs checkpoint): {string.Join("; ", objectiveDifferences)}. " +
                "A resumed run must use the objective it started with.", nameof(checkpoint));
    }
}
