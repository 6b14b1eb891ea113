namespace Nlce.Training.Defenses;

/// <summary>
/// Hyperparameters of defensive distillation (Papernot et al., "Distillation as a Defense to Adversarial Perturbations against
/// Deep Neural Networks", IEEE S&amp;P 2016; used for segmentation by seed 002, Liu et al., arXiv 1908.00656), applied per pixel
/// (reference notes §3, "Standard definitions").
/// </summary>
/// <remarks>
/// Seed 002 names distillation but not its temperature (reference notes §3: NOT FOUND). The default T = 20 is the issue's
/// fallback; Papernot et al. study temperatures from 1 to 100 and report robustness growing with T.
/// </remarks>
public sealed record DistillationOptions
{
    /// <summary>The default temperature (issue 5's fallback; seed 002 does not state one).</summary>
    public const double DefaultTemperature = 20;

    /// <summary>T: the teacher is trained with softmax(z/T), its soft labels are taken at T, the student is trained at T; default 20.</summary>
    public double Temperature { get; init; } = DefaultTemperature;

    /// <summary>
    /// Weight w of the hard labels in the student's loss, (1 − w)·soft cross-entropy at T + w·(the model's own loss at T = 1);
    /// default 0 (Papernot et al.'s pure soft-label training).
    /// </summary>
    public double HardLabelWeight { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range; returns this record.</summary>
    public DistillationOptions Validate()
    {
        if (!double.IsFinite(Temperature) || Temperature < 1)
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "T must be finite and ≥ 1.");
        if (!(HardLabelWeight is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(HardLabelWeight), HardLabelWeight, "HardLabelWeight must be in [0, 1): some soft-label loss must remain.");
        return this;
    }
}
