namespace Nlce.Attacks;

/// <summary>
/// Hyperparameters of projected gradient descent (Madry et al., ICLR 2018, arXiv:1706.06083) and of its segmentation
/// variants <see cref="SegPgd"/> and <see cref="CosPgd"/>. Defaults follow the CosPGD/SegPGD reference setting for L∞:
/// α = 2 intensity units, 20 iterations, random start, one run.
/// </summary>
public sealed record PgdOptions
{
    /// <summary>Step size α; default 2 intensity units.</summary>
    public StepSize StepSize { get; init; } = StepSize.Intensity(2);

    /// <summary>Iterations per run; default 20.</summary>
    public IterationSchedule Iterations { get; init; } = IterationSchedule.Fixed(20);

    /// <summary>The norm of the ball and of the step (L∞: sign steps; L2: normalised-gradient steps); default L∞.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Whether each run starts from a uniformly random point of the ε-ball (clipped to [0, 1]); default true.</summary>
    public bool RandomStart { get; init; } = true;

    /// <summary>Runs per image (≥ 1); with more than one, each image keeps the run with the lowest DIC against its ground truth.
    /// More than one run needs <see cref="RandomStart"/>, or every run would be the same.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Seed of the random starts (drawn on the CPU, so CPU and GPU runs start from the same points).</summary>
    public int Seed { get; init; }

    /// <summary>Throws when a field is missing or out of range, naming it.</summary>
    public PgdOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(StepSize, nameof(StepSize));
        ArgumentNullException.ThrowIfNull(Iterations, nameof(Iterations));
        StepSize.Validate();
        if (!Enum.IsDefined(Norm))
            throw new ArgumentOutOfRangeException(nameof(Norm), Norm, $"expected one of {string.Join(", ", Enum.GetNames<PerturbationNorm>())}.");
        if (Restarts < 1)
            throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "Restarts must be ≥ 1.");
        if (Restarts > 1 && !RandomStart)
            throw new ArgumentException($"Restarts = {Restarts} needs RandomStart = true: runs from the clean image are all identical.", nameof(Restarts));
        return this;
    }
}
