namespace Nlce.Training.Ablation;

/// <summary>
/// The training options of each phase of the ablation protocol (NLCEN paper, "Ablation Studies"; the paper states no
/// epoch counts or fine-tuning rates, so all three are the caller's). The three fine-tunings of step 2 share
/// <see cref="FrozenFineTuning"/>. Every step trains on the same tensors, so the input sizes must agree. Each step's options
/// are saved in its checkpoint; a resumed protocol must use the options it started with.
/// </summary>
/// <param name="FromScratch">Step 1: w/o NLCE trained from scratch.</param>
/// <param name="FrozenFineTuning">Step 2: w/o NL, w/o CE and NLCEN fine-tuned with the shared layers frozen.</param>
/// <param name="FullFineTuning">Step 3: NLCEN fine-tuned with nothing frozen.</param>
public sealed record AblationOptions(TrainingOptions FromScratch, TrainingOptions FrozenFineTuning, TrainingOptions FullFineTuning)
{
    /// <summary>One set of hyperparameters for every phase, each phase with its own epoch count.</summary>
    /// <param name="shared">Everything but the epoch count (its <see cref="TrainingOptions.Epochs"/> is replaced in every phase).</param>
    /// <param name="fromScratchEpochs">Epochs of step 1.</param>
    /// <param name="frozenFineTuningEpochs">Epochs of each fine-tuning of step 2.</param>
    /// <param name="fullFineTuningEpochs">Epochs of step 3.</param>
    public static AblationOptions WithEpochs(TrainingOptions shared, int fromScratchEpochs, int frozenFineTuningEpochs, int fullFineTuningEpochs)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return new AblationOptions(
            shared with { Epochs = fromScratchEpochs },
            shared with { Epochs = frozenFineTuningEpochs },
            shared with { Epochs = fullFineTuningEpochs }).Validate();
    }

    /// <summary>The options of the runs of <paramref name="phase"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="phase"/> is not a defined <see cref="AblationPhase"/>.</exception>
    public TrainingOptions For(AblationPhase phase) => phase switch
    {
        AblationPhase.FromScratch => FromScratch,
        AblationPhase.FrozenFineTuning => FrozenFineTuning,
        AblationPhase.FullFineTuning => FullFineTuning,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, $"Expected one of {string.Join(", ", Enum.GetNames<AblationPhase>())}."),
    };

    /// <summary>
    /// Throws when a phase's options are missing or out of range (<see cref="ArgumentException"/> naming the phase and the
    /// field), or when the phases' input sizes differ; returns this record.
    /// </summary>
    public AblationOptions Validate()
    {
        foreach (var (options, name) in Phases())
        {
            if (options is null)
                throw new ArgumentNullException(name, $"the training options of {name} are missing.");
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"the training options of {name} are invalid: {e.Message}", $"{name}.{e.ParamName}", e);
            }
        }
        if (FrozenFineTuning.InputSize != FromScratch.InputSize || FullFineTuning.InputSize != FromScratch.InputSize)
            throw new ArgumentException(
                $"every phase trains on the same tensors, so the input sizes must agree; got {nameof(FromScratch)}.InputSize {FromScratch.InputSize}, " +
                $"{nameof(FrozenFineTuning)}.InputSize {FrozenFineTuning.InputSize}, {nameof(FullFineTuning)}.InputSize {FullFineTuning.InputSize}.",
                nameof(TrainingOptions.InputSize));
        return this;
    }

    private (TrainingOptions? Options, string Name)[] Phases() =>
    [
        (FromScratch, nameof(FromScratch)),
        (FrozenFineTuning, nameof(FrozenFineTuning)),
        (FullFineTuning, nameof(FullFineTuning)),
    ];
}
