namespace Nlce.Training;

/// <summary>
/// How the epochs of a run are shared among a model's sequential training stages (<see cref="Models.SegmentationModel.TrainingStages"/>;
/// NWCN's network-wise training has one stage per sub-network). Each stage gets ⌊epochs / stages⌋ epochs and the first
/// <c>epochs mod stages</c> stages one more, so stage k trains the contiguous epochs [<see cref="FirstEpoch"/>(k), <see cref="EndEpoch"/>(k)).
/// </summary>
public sealed class TrainingStagePlan
{
    private readonly int[] firstEpochs;

    /// <param name="epochs">Total epochs of the run.</param>
    /// <param name="stages">Number of stages, ≥ 1 and ≤ <paramref name="epochs"/> (every stage trains at least one epoch).</param>
    public TrainingStagePlan(int epochs, int stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);
        if (epochs < stages)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs,
                $"{epochs} epoch(s) cannot be shared among {stages} training stages; every stage needs at least one epoch.");
        Epochs = epochs;
        Stages = stages;
        firstEpochs = new int[stages + 1];
        for (int k = 0; k < stages; k++)
            firstEpochs[k + 1] = firstEpochs[k] + epochs / stages + (k < epochs % stages ? 1 : 0);
    }

    public int Epochs { get; }

    public int Stages { get; }

    /// <summary>First epoch (0-based) of stage <paramref name="stage"/>.</summary>
    public int FirstEpoch(int stage)
    {
        CheckStage(stage);
        return firstEpochs[stage];
    }

    /// <summary>One past the last epoch of stage <paramref name="stage"/>.</summary>
    public int EndEpoch(int stage)
    {
        CheckStage(stage);
        return firstEpochs[stage + 1];
    }

    /// <summary>The stage that epoch <paramref name="epoch"/> (0-based) belongs to.</summary>
    public int StageOf(int epoch)
    {
        if (epoch < 0 || epoch >= Epochs)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"epoch must be in [0, {Epochs}).");
        int stage = 0;
        while (epoch >= firstEpochs[stage + 1])
            stage++;
        return stage;
    }

    private void CheckStage(int stage)
    {
        if (stage < 0 || stage >= Stages)
            throw new ArgumentOutOfRangeException(nameof(stage), stage, $"stage must be in [0, {Stages}).");
    }
}
