namespace Nlce.Training;

/// <summary>What a <see cref="TrainingProgress"/> report marks the end of.</summary>
public enum TrainingPhase
{
    /// <summary>One optimisation step; <see cref="TrainingProgress.Loss"/> is that batch's loss.</summary>
    Batch,

    /// <summary>One epoch, after validation and the checkpoint; <see cref="TrainingProgress.Loss"/> is the epoch's mean loss.</summary>
    Epoch,
}

/// <summary>A progress report of the <see cref="Trainer"/>; front ends draw bars from these.</summary>
/// <param name="Phase">Whether a batch or a whole epoch has just finished.</param>
/// <param name="Stage">Training stage (0-based) of the epoch.</param>
/// <param name="Stages">Number of stages of the model.</param>
/// <param name="Epoch">Epoch (0-based) of the run.</param>
/// <param name="Epochs">Epochs of the run.</param>
/// <param name="Batch">Batches finished in this epoch (1-based count; equals <paramref name="Batches"/> for an epoch report).</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">The batch's loss, or the epoch's mean loss.</param>
/// <param name="LearningRate">The learning rate the batch or epoch was trained with.</param>
/// <param name="ValidationDice">Mean validation DIC after the epoch; null for batch reports and without a validation set.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase, int Stage, int Stages, int Epoch, int Epochs, int Batch, int Batches, double Loss, double LearningRate, double? ValidationDice);

/// <summary>The record of one finished epoch, kept in the checkpoint sidecar's history.</summary>
/// <param name="Epoch">Epoch (0-based).</param>
/// <param name="Stage">Training stage (0-based).</param>
/// <param name="TrainingLoss">Mean training loss over the epoch's samples.</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="ValidationDice">Mean per-image DIC (paper eq. 7) on the validation set; null without one.</param>
/// <param name="ValidationJaccard">Mean per-image JSC (paper eq. 8) on the validation set; null without one.</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
public sealed record EpochMetrics(int Epoch, int Stage, double TrainingLoss, double LearningRate, double? ValidationDice, double? ValidationJaccard, double Seconds);
