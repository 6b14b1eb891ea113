using static TorchSharp.torch;

namespace Nlce.Defenses;

/// <summary>
/// Frequency refinement (Liu et al., "Defending Deep Learning-Based Biomedical Image Segmentation from Adversarial Attacks: A
/// Low-Cost Frequency Refinement Approach", MICCAI 2020, seed 003), the transform exactly as released (defenses-and-attacks.md §1):
/// on the 0–255 scale, per channel, no colour conversion and no level shift, each 8×8 block's orthonormal DCT-II coefficients are
/// quantised and de-quantised with the three-band <see cref="FrequencyRefinementTable"/> (round half to even), after zero-padding
/// bottom/right to multiples of 8; the result is cropped back, divided by 255 and clipped to [0, 1]. Deterministic; batched on
/// the images' device. The output is detached: its true gradient is zero almost everywhere, so adaptive attacks use BPDA.
/// </summary>
/// <remarks>The released pipeline reads the adversarial image back from an 8-bit PNG before refining it; this transform takes the
/// float images as they are (no 8-bit rounding of its input), so that an attack's exact perturbation is what gets refined.</remarks>
public sealed class FrequencyRefinement : IInputDefense
{
    private readonly BlockQuantizer quantizer;

    /// <param name="table">The band steps; null for the released defaults (30, 5, 60).</param>
    /// <exception cref="ArgumentOutOfRangeException">A step is not finite and &gt; 0.</exception>
    public FrequencyRefinement(FrequencyRefinementTable? table = null)
    {
        Table = (table ?? FrequencyRefinementTable.Default).Validate();
        quantizer = new BlockQuantizer(Table.ToSteps(), levelShift: 0);
        Name = Table == FrequencyRefinementTable.Default
            ? "fr"
            : FormattableString.Invariant($"fr-pd{Table.Pd}-ac{Table.Ac}-gd{Table.Gd}");
    }

    /// <summary>The band steps.</summary>
    public FrequencyRefinementTable Table { get; }

    /// <summary><c>fr</c> for the released table, <c>fr-pd…-ac…-gd…</c> for any other.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public bool IsRandomized => false;

    /// <summary>The 8×8 table of steps, row u (vertical frequency), column v.</summary>
    public double[,] Steps => quantizer.Table;

    /// <inheritdoc />
    public Tensor Apply(Tensor images) => quantizer.Apply(images, Name);

    /// <inheritdoc />
    public override string ToString() => $"frequency refinement ({Table}; 8×8 DCT-II per channel, no level shift)";
}
