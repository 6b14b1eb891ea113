namespace Nlce.Defenses;

/// <summary>
/// The three-band quantisation table of frequency refinement (Liu et al., MICCAI 2020, seed 003; the released code as summarised
/// in defenses-and-attacks.md §1, step 3), steps on the 0–255 scale of the DCT coefficients of 8×8 blocks, (u, v) = (vertical,
/// horizontal) frequency:
/// <list type="bullet">
/// <item><see cref="Pd"/>, "priority defense": u, v ∈ {0, 1} (DC and the three lowest AC coefficients), default 30;</item>
/// <item><see cref="Ac"/>, "accuracy compensation": the rest of the 4×4 low-frequency block, default 5;</item>
/// <item><see cref="Gd"/>, "global defense": every coefficient with u ≥ 4 or v ≥ 4, default 60 (the released main.py's value).</item>
/// </list>
/// </summary>
/// <param name="Pd">Step of the PD band, finite and &gt; 0.</param>
/// <param name="Ac">Step of the AC band, finite and &gt; 0.</param>
/// <param name="Gd">Step of the GD band, finite and &gt; 0.</param>
public sealed record FrequencyRefinementTable(double Pd, double Ac, double Gd)
{
    /// <summary>The released defaults PD = 30, AC = 5, GD = 60.</summary>
    public static FrequencyRefinementTable Default { get; } = new(30, 5, 60);

    /// <summary>The band of coefficient (u, v) of an 8×8 block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">u or v outside 0–7.</exception>
    public static FrequencyBand BandOf(int u, int v)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(u);
        ArgumentOutOfRangeException.ThrowIfNegative(v);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(u, BlockDct.BlockSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(v, BlockDct.BlockSize);
        return u < 2 && v < 2 ? FrequencyBand.PriorityDefense : u < 4 && v < 4 ? FrequencyBand.AccuracyCompensation : FrequencyBand.GlobalDefense;
    }

    /// <summary>Throws when a step is not finite and &gt; 0, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A step is out of range.</exception>
    public FrequencyRefinementTable Validate()
    {
        Check(Pd, nameof(Pd));
        Check(Ac, nameof(Ac));
        Check(Gd, nameof(Gd));
        return this;
    }

    /// <summary>The 64 steps in row-major (u, v) order.</summary>
    public double[] ToSteps()
    {
        Validate();
        var steps = new double[BlockDct.BlockSize * BlockDct.BlockSize];
        for (int u = 0; u < BlockDct.BlockSize; u++)
            for (int v = 0; v < BlockDct.BlockSize; v++)
                steps[u * BlockDct.BlockSize + v] = BandOf(u, v) switch
                {
                    FrequencyBand.PriorityDefense => Pd,
                    FrequencyBand.AccuracyCompensation => Ac,
                    _ => Gd,
                };
        return steps;
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"PD = {Pd}, AC = {Ac}, GD = {Gd}");

    private static void Check(double step, string name)
    {
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentOutOfRangeException(name, step, $"the {name} quantisation step must be finite and > 0 (0–255 scale).");
    }
}

/// <summary>The three coefficient bands of a <see cref="FrequencyRefinementTable"/>.</summary>
public enum FrequencyBand
{
    /// <summary>PD: u, v ∈ {0, 1}.</summary>
    PriorityDefense,

    /// <summary>AC: u, v ∈ {0..3} without the PD coefficients.</summary>
    AccuracyCompensation,

    /// <summary>GD: u ≥ 4 or v ≥ 4.</summary>
    GlobalDefense,
}
