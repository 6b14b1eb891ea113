using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>The unit of a <see cref="StepSize"/>.</summary>
public enum StepSizeUnit
{
    /// <summary>Intensity units on the 0–255 scale, like NLCEN's α = 1 (eq. 6).</summary>
    Intensity,

    /// <summary>A fraction of each image's own ε (e.g. 2.5ε/T in Madry et al.'s PGD; FGSM is one step of 1·ε).</summary>
    FractionOfEpsilon,
}

/// <summary>The size α of one attack step, in the norm of the attack (L∞: per-pixel change; L2: length of the step).</summary>
/// <param name="Value">The size, &gt; 0 and finite.</param>
/// <param name="Unit">What <paramref name="Value"/> is measured in.</param>
public sealed record StepSize(double Value, StepSizeUnit Unit)
{
    /// <summary>α in intensity units (0–255 scale).</summary>
    public static StepSize Intensity(double value) => new StepSize(value, StepSizeUnit.Intensity).Validate();

    /// <summary>α as a fraction of each image's ε.</summary>
    public static StepSize FractionOfEpsilon(double fraction) => new StepSize(fraction, StepSizeUnit.FractionOfEpsilon).Validate();

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public StepSize Validate()
    {
        if (!double.IsFinite(Value) || Value <= 0)
            throw new ArgumentOutOfRangeException(nameof(Value), Value, "a step size must be finite and > 0.");
        if (!Enum.IsDefined(Unit))
            throw new ArgumentOutOfRangeException(nameof(Unit), Unit, $"expected one of {string.Join(", ", Enum.GetNames<StepSizeUnit>())}.");
        return this;
    }

    /// <summary>Per-image step sizes [B] on the [0, 1] scale, given per-image radii [B] on the same scale.</summary>
    internal Tensor PerImage(Tensor epsilonUnitRange) => Unit == StepSizeUnit.Intensity
        ? full_like(epsilonUnitRange, IntensityScale.ToUnitRange(Value))
        : epsilonUnitRange * Value;

    /// <inheritdoc />
    public override string ToString() => Unit == StepSizeUnit.Intensity ? $"α = {Value} intensity" : $"α = {Value}·ε";
}
