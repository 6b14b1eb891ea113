namespace Nlce.Training.Ablation;

/// <summary>What an <see cref="AblationProgress"/> report announces.</summary>
public enum AblationEvent
{
    /// <summary>The step starts training from its initial weights (no checkpoint yet).</summary>
    Started,

    /// <summary>The step continues from the checkpoint of an interrupted run (<see cref="AblationProgress.EpochsDone"/> epochs finished).</summary>
    Resumed,

    /// <summary>The step had finished in an earlier run; its weights are loaded from its checkpoint and nothing is trained.</summary>
    AlreadyFinished,

    /// <summary>A report of the step's <see cref="Trainer"/> (<see cref="AblationProgress.Training"/>).</summary>
    Training,

    /// <summary>The step's model is trained and checkpointed.</summary>
    Finished,
}

/// <summary>A progress report of the <see cref="AblationProtocol"/>; front ends draw bars from these.</summary>
/// <param name="Step">The step reported on.</param>
/// <param name="StepIndex">Its position (0-based) in <see cref="AblationStep.All"/>.</param>
/// <param name="Steps">Number of steps of the protocol.</param>
/// <param name="Event">What happened.</param>
/// <param name="EpochsDone">Epochs of the step finished so far (after the event).</param>
/// <param name="Training">The trainer's report for <see cref="AblationEvent.Training"/>; null otherwise.</param>
public sealed record AblationProgress(AblationStep Step, int StepIndex, int Steps, AblationEvent Event, int EpochsDone, TrainingProgress? Training);
