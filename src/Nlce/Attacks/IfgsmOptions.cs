namespace Nlce.Attacks;

/// <summary>
/// Hyperparameters of the iterative FGSM attacks (<see cref="Ifgsm"/>, <see cref="TiFgsm"/>). The defaults are Kurakin et al.'s
/// as NLCEN adopts them (Adversarial Attacks section): α = 1 intensity unit and ⌈min(ε + 4, 1.25ε)⌉ iterations.
/// </summary>
public sealed record IfgsmOptions
{
    /// <summary>Step size α; default 1 intensity unit.</summary>
    public StepSize StepSize { get; init; } = StepSize.Intensity(1);

    /// <summary>Iterations per ε; default <see cref="IterationSchedule.Kurakin"/>.</summary>
    public IterationSchedule Iterations { get; init; } = IterationSchedule.Kurakin;

    /// <summary>Throws when a field is missing or out of range, naming it.</summary>
    public IfgsmOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(StepSize, nameof(StepSize));
        ArgumentNullException.ThrowIfNull(Iterations, nameof(Iterations));
        StepSize.Validate();
        return this;
    }
}
