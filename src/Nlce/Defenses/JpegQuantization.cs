using static TorchSharp.torch;

namespace Nlce.Defenses;

/// <summary>
/// The JPEG-compression baseline for frequency refinement: the DCT quantisation step of baseline JPEG (ITU T.81 Annex A.3), with
/// the luminance table of Annex K (Table K.1) scaled by the IJG quality rule, applied per channel to 8×8 blocks on the 0–255 scale
/// with JPEG's level shift of 128 (no colour conversion, no chroma subsampling, no entropy coding, which is lossless). Padding,
/// rounding (half to even) and clipping as in <see cref="FrequencyRefinement"/>. Deterministic; output detached.
/// </summary>
public sealed class JpegQuantization : IInputDefense
{
    private static readonly int[] AnnexKLuminance =
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    private readonly BlockQuantizer quantizer;

    /// <param name="quality">IJG quality, 1–100 (50 gives Table K.1 itself, 100 all ones); default 75.</param>
    /// <exception cref="ArgumentOutOfRangeException">Quality outside 1–100.</exception>
    public JpegQuantization(int quality = 75)
    {
        var table = ScaledTable(quality);
        Table = table;
        Quality = quality;
        quantizer = new BlockQuantizer(Array.ConvertAll(table, step => (double)step), levelShift: 128);
    }

    /// <summary>The IJG quality.</summary>
    public int Quality { get; }

    /// <summary>The 64 steps in row-major (u, v) order.</summary>
    public IReadOnlyList<int> Table { get; }

    /// <summary><c>jpeg-q</c> and the quality, e.g. <c>jpeg-q75</c>.</summary>
    public string Name => FormattableString.Invariant($"jpeg-q{Quality}");

    /// <inheritdoc />
    public bool IsRandomized => false;

    /// <summary>ITU T.81 Annex K, Table K.1 (luminance), row-major.</summary>
    public static IReadOnlyList<int> LuminanceTable => AnnexKLuminance;

    /// <summary>
    /// Table K.1 scaled by the Independent JPEG Group's quality rule: s = 5000/q for q &lt; 50, else 200 − 2q; each step
    /// ⌊(t·s + 50)/100⌋, clamped to [1, 255] (baseline, 8-bit tables).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Quality outside 1–100.</exception>
    public static int[] ScaledTable(int quality)
    {
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "JPEG quality must be in 1–100.");
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        return Array.ConvertAll(AnnexKLuminance, step => Math.Clamp((step * scale + 50) / 100, 1, 255));
    }

    /// <inheritdoc />
    public Tensor Apply(Tensor images) => quantizer.Apply(images, Name);

    /// <inheritdoc />
    public override string ToString() => $"JPEG quantisation (quality {Quality}, Annex K luminance table, level shift 128)";
}
