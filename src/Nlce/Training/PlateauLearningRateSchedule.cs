namespace Nlce.Training;

/// <summary>Where the plateau schedule stands; saved in every checkpoint so that a resumed run cuts the rate at the same epochs.</summary>
/// <param name="LearningRate">The rate for the next epoch.</param>
/// <param name="BestLoss">The lowest epoch-mean training loss so far; null before the first epoch.</param>
/// <param name="EpochsWithoutImprovement">Epochs in a row, since the last cut or new best, whose loss was not below <see cref="BestLoss"/>.</param>
public sealed record LearningRateScheduleState(double LearningRate, double? BestLoss, int EpochsWithoutImprovement);

/// <summary>
/// The NLCEN paper's learning-rate rule (Implementation: "reduced by 10% whenever the training loss stops decreasing until
/// 0.0001"), made exact: after each epoch, its mean training loss L is compared with the best epoch loss so far. If L is
/// strictly below it, L becomes the best and the count of epochs without improvement is reset; otherwise the count grows,
/// and when it reaches <c>patience</c> the rate is multiplied by <c>factor</c> (0.9), but never set below <c>minimum</c>
/// (1e-4), and the count is reset. With patience 1 every epoch whose loss is not a new best cuts the rate once.
/// </summary>
public sealed class PlateauLearningRateSchedule
{
    private readonly double factor;
    private readonly int patience;
    private readonly double minimum;

    /// <param name="factor">Multiplier on a plateau, in (0, 1].</param>
    /// <param name="patience">Non-improving epochs in a row before a cut, ≥ 1.</param>
    /// <param name="minimum">Floor of the rate, &gt; 0.</param>
    public PlateauLearningRateSchedule(double factor, int patience, double minimum)
    {
        if (!(factor is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        if (!(minimum > 0))
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "minimum must be > 0.");
        this.factor = factor;
        this.patience = patience;
        this.minimum = minimum;
    }

    /// <summary>The schedule of <paramref name="options"/> (decay factor, patience, floor).</summary>
    public static PlateauLearningRateSchedule From(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.LearningRateDecayFactor, options.LearningRatePatience, options.MinimumLearningRate);
    }

    /// <summary>The state before the first epoch: rate <paramref name="initialRate"/>, no best loss yet.</summary>
    public LearningRateScheduleState Start(double initialRate)
    {
        if (!(initialRate >= minimum) || double.IsInfinity(initialRate))
            throw new ArgumentOutOfRangeException(nameof(initialRate), initialRate, $"initialRate must be finite and ≥ the floor {minimum}.");
        return new(initialRate, null, 0);
    }

    /// <summary>The state after an epoch whose mean training loss was <paramref name="epochLoss"/>.</summary>
    public LearningRateScheduleState Next(LearningRateScheduleState state, double epochLoss)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!double.IsFinite(epochLoss))
            throw new ArgumentOutOfRangeException(nameof(epochLoss), epochLoss, "the epoch loss must be finite.");
        if (state.BestLoss is not double best || epochLoss < best)
            return state with { BestLoss = epochLoss, EpochsWithoutImprovement = 0 };
        int waited = state.EpochsWithoutImprovement + 1;
        if (waited < patience)
            return state with { EpochsWithoutImprovement = waited };
        return state with { LearningRate = Math.Max(minimum, state.LearningRate * factor), EpochsWithoutImprovement = 0 };
    }
}
