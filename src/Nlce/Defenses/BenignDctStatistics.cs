using static TorchSharp.torch;

namespace Nlce.Defenses;

/// <summary>How much of the benign GD-band energy one GD step would remove.</summary>
/// <param name="Gd">The GD step (0–255 scale).</param>
/// <param name="ZeroedCoefficients">Fraction of GD-band coefficients with |C| &lt; GD/2, which quantisation sets to zero.</param>
/// <param name="ZeroedEnergy">Fraction of the GD band's energy Σ C² held by those coefficients.</param>
public sealed record GdZeroing(double Gd, double ZeroedCoefficients, double ZeroedEnergy);

/// <summary>
/// DCT statistics of benign images, the evidence frequency refinement's table is meant to rest on (seed 003's abstract: the table is
/// guided by the frequency content of benign images; the derivation itself is not public, defenses-and-attacks.md §1): mean |C| per
/// coefficient (u, v) and per band of 8×8 blocks on the 0–255 scale without level shift, and for candidate GD steps the share of the
/// high-frequency (GD-band) coefficients and energy that quantisation with that step would zero.
/// </summary>
/// <param name="Blocks">Blocks measured (images × channels × blocks per image).</param>
/// <param name="MeanAbsolute">Mean |C(u, v)| [8, 8], row u.</param>
/// <param name="MeanAbsoluteByBand">Mean |C| over each band's coefficients.</param>
/// <param name="Zeroing">One entry per candidate GD step, in the order given.</param>
public sealed record BenignDctStatistics(long Blocks, double[,] MeanAbsolute, IReadOnlyDictionary<FrequencyBand, double> MeanAbsoluteByBand,
    IReadOnlyList<GdZeroing> Zeroing)
{
    /// <summary>Measures <paramref name="images"/> [N, C, H, W] in [0, 1] (zero-padded to multiples of 8 like the defense; padded
    /// blocks count), in chunks of <paramref name="chunk"/> images.</summary>
    /// <param name="images">Benign images.</param>
    /// <param name="gdCandidates">GD steps to evaluate, each finite and &gt; 0.</param>
    /// <param name="chunk">Images per chunk (≥ 1).</param>
    /// <exception cref="ArgumentException">Images of the wrong rank or range, or a bad GD step.</exception>
    public static BenignDctStatistics Measure(Tensor images, IReadOnlyList<double> gdCandidates, int chunk = 32)
    {
        BlockQuantizer.Check(images, "the DCT statistics");
        ArgumentNullException.ThrowIfNull(gdCandidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        foreach (double gd in gdCandidates)
            if (!double.IsFinite(gd) || gd <= 0)
                throw new ArgumentOutOfRangeException(nameof(gdCandidates), gd, "every GD step must be finite and > 0.");

        const int n = BlockDct.BlockSize;
        var sumAbsolute = new double[n * n];
        var zeroedCount = new double[gdCandidates.Count];
        var zeroedEnergy = new double[gdCandidates.Count];
        double gdEnergy = 0;
        long blocks = 0;
        using (var noGrad = no_grad())
        using (var gdMask = GdMask(images.device))
        {
            for (long start = 0; start < images.shape[0]; start += chunk)
            {
                using var scope = NewDisposeScope();
                var part = images.narrow(0, start, Math.Min(chunk, images.shape[0] - start)).to(ScalarType.Float64);
                long padBottom = (n - part.shape[2] % n) % n, padRight = (n - part.shape[3] % n) % n;
                var scaled = nn.functional.pad(part * 255.0, [0, padRight, 0, padBottom]);
                var coefficients = BlockDct.Forward(BlockDct.ToBlocks(scaled), BlockDct.Matrix(n, ScalarType.Float64, images.device)).reshape(-1, n * n);
                blocks += coefficients.shape[0];
                var absolute = coefficients.abs();
                var sums = absolute.sum(dim: 0).cpu().data<double>().ToArray();
                for (int i = 0; i < sums.Length; i++)
                    sumAbsolute[i] += sums[i];
                var high = absolute.index_select(1, gdMask.nonzero().squeeze(1));
                var energy = high.square();
                gdEnergy += energy.sum().item<double>();
                for (int g = 0; g < gdCandidates.Count; g++)
                {
                    var zeroed = high.lt(gdCandidates[g] / 2);
                    zeroedCount[g] += zeroed.sum().to(ScalarType.Float64).item<double>();
                    zeroedEnergy[g] += energy.masked_select(zeroed).sum().item<double>();
                }
            }
        }

        var mean = new double[n, n];
        var byBand = Enum.GetValues<FrequencyBand>().ToDictionary(band => band, _ => (Sum: 0.0, Count: 0));
        for (int u = 0; u < n; u++)
            for (int v = 0; v < n; v++)
            {
                mean[u, v] = sumAbsolute[u * n + v] / blocks;
                var band = FrequencyRefinementTable.BandOf(u, v);
                byBand[band] = (byBand[band].Sum + mean[u, v], byBand[band].Count + 1);
            }
        long gdCoefficients = blocks * byBand[FrequencyBand.GlobalDefense].Count;
        var zeroing = gdCandidates.Select((gd, g) => new GdZeroing(gd, zeroedCount[g] / gdCoefficients,
            gdEnergy > 0 ? zeroedEnergy[g] / gdEnergy : 1)).ToArray();
        return new BenignDctStatistics(blocks, mean, byBand.ToDictionary(entry => entry.Key, entry => entry.Value.Sum / entry.Value.Count), zeroing);
    }

    private static Tensor GdMask(Device device)
    {
        var mask = new bool[BlockDct.BlockSize * BlockDct.BlockSize];
        for (int i = 0; i < mask.Length; i++)
            mask[i] = FrequencyRefinementTable.BandOf(i / BlockDct.BlockSize, i % BlockDct.BlockSize) == FrequencyBand.GlobalDefense;
        return tensor(mask, device: device);
    }
}
