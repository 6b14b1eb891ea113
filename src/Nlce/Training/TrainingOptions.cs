using System.Reflection;

namespace Nlce.Training;

/// <summary>
/// Hyperparameters of one training run. The defaults are the NLCEN paper's (Implementation): Adam with learning rate
/// 1e-3, β₁ = 0.9, β₂ = 0.999 and weight decay 1e-4; mini-batches of 8; inputs resized to 256×256; the learning rate
/// reduced by 10 % whenever the training loss stops decreasing, down to 1e-4 (see <see cref="PlateauLearningRateSchedule"/>
/// for the exact rule); the ISBI augmentation (flips, ±10° rotations) only where the caller asks for it (skin data).
/// Serialised into every checkpoint's sidecar; a resumed run must use equal options.
/// </summary>
/// <param name="Epochs">Number of epochs over the training set (the paper does not state it). Multi-stage models share them among their stages.</param>
/// <param name="BatchSize">Samples per mini-batch.</param>
/// <param name="LearningRate">Adam's initial learning rate.</param>
/// <param name="Beta1">Adam's exponential decay rate of the first-moment estimate.</param>
/// <param name="Beta2">Adam's exponential decay rate of the second-moment estimate.</param>
/// <param name="AdamEpsilon">Adam's denominator term (PyTorch's default; the paper does not state it).</param>
/// <param name="WeightDecay">L2 penalty added to the gradients by Adam (PyTorch's <c>weight_decay</c>, not AdamW's decoupled form).</param>
/// <param name="LearningRateDecayFactor">Factor applied to the learning rate on a plateau (0.9 = "reduced by 10 %").</param>
/// <param name="LearningRatePatience">Epochs in a row without a new best training loss before the rate is cut.</param>
/// <param name="MinimumLearningRate">The rate is never cut below this floor.</param>
/// <param name="InputSize">Side of the square working resolution; the training tensors must have this size.</param>
/// <param name="Augment">Apply <see cref="Data.Tensors.PairedAugmentation.Paper"/> to training batches (the paper does for ISBI 2016, not for JSRT).</param>
/// <param name="Seed">Seed of the batch order, the augmentation and torch's generator during each epoch.</param>
public sealed record TrainingOptions(
    int Epochs,
    int BatchSize = 8,
    double LearningRate = TrainingOptions.PaperLearningRate,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double AdamEpsilon = 1e-8,
    double WeightDecay = 1e-4,
    double LearningRateDecayFactor = 0.9,
    int LearningRatePatience = 1,
    double MinimumLearningRate = 1e-4,
    int InputSize = 256,
    bool Augment = false,
    int Seed = 0)
{
    /// <summary>The NLCEN paper's initial Adam learning rate (Implementation).</summary>
    public const double PaperLearningRate = 1e-3;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first field out of range; returns this record.</summary>
    public TrainingOptions Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be ≥ 1.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be ≥ 1.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be a finite number > 0.");
        if (!(Beta1 is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "Beta1 must be in [0, 1).");
        if (!(Beta2 is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "Beta2 must be in [0, 1).");
        if (!(AdamEpsilon > 0) || double.IsInfinity(AdamEpsilon))
            throw new ArgumentOutOfRangeException(nameof(AdamEpsilon), AdamEpsilon, "AdamEpsilon must be a finite number > 0.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be a finite number ≥ 0.");
        if (!(LearningRateDecayFactor is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(LearningRateDecayFactor), LearningRateDecayFactor, "LearningRateDecayFactor must be in (0, 1].");
        if (LearningRatePatience < 1)
            throw new ArgumentOutOfRangeException(nameof(LearningRatePatience), LearningRatePatience, "LearningRatePatience must be ≥ 1.");
        if (!(MinimumLearningRate > 0) || MinimumLearningRate > LearningRate)
            throw new ArgumentOutOfRangeException(nameof(MinimumLearningRate), MinimumLearningRate,
                $"MinimumLearningRate must be > 0 and ≤ LearningRate ({LearningRate}).");
        if (InputSize < 8)
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "InputSize must be ≥ 8.");
        return this;
    }

    /// <summary>The fields whose values differ from <paramref name="other"/>'s, as "Name: this vs other" (empty when equal).</summary>
    public IReadOnlyList<string> Differences(TrainingOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return typeof(TrainingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.Name, Mine: p.GetValue(this), Theirs: p.GetValue(other)))
            .Where(x => !Equals(x.Mine, x.Theirs))
            .Select(x => $"{x.Name}: {x.Mine} vs {x.Theirs}")
            .ToList();
    }
}
