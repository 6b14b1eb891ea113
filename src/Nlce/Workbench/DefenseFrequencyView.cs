using Microsoft.Data.Analysis;
using Nlce.Attacks;
using Nlce.Charts;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Defenses;
using Nlce.Evaluation;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// Frequency refinement (Liu et al., MICCAI 2020, seed 003) shown on one image: the clean image, FR(clean), a targeted I-FGSM
/// adversarial image (NLCEN eq. 6) crafted on the bare model, FR(adversarial), each with the model's prediction; and per DCT band
/// (PD, AC, GD) its quantisation step and how much of the perturbation lives there before and after FR.
/// </summary>
/// <param name="Grid">Two rows (images, predictions), four columns.</param>
/// <param name="Bands">One row per band: coefficients per 8×8 block, step, mean |DCT coefficient| of the perturbation (adversarial −
/// clean) and of what FR leaves of it (FR(adversarial) − FR(clean)), 0–255 units.</param>
/// <param name="Scores">DIC of the four inputs.</param>
public sealed record DefenseFrequencyView(ImageGrid Grid, DataFrame Bands, DataFrame Scores)
{
    /// <summary>Builds the view for test image <paramref name="index"/> of <paramref name="data"/> at budget <paramref name="epsilon"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such test image, or ε not finite and &gt; 0.</exception>
    public static DefenseFrequencyView Of(SegmentationModel model, WorkbenchDataset data, int index, double epsilon, Device device,
        FrequencyRefinement? refinement = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(device);
        data.CheckIndex(index);
        if (!double.IsFinite(epsilon) || epsilon <= 0)
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be finite and > 0 (intensity units, 0–255 scale).");
        var fr = refinement ?? new FrequencyRefinement();
        using var scope = NewDisposeScope();
        var image = data.Test.Images.narrow(0, index, 1).to(device);
        var labels = data.Test.Masks.narrow(0, index, 1).to(int64).to(device);
        using var attacked = new TargetedIfgsm().Perturb(model, AttackBatch.WithEpsilon(image, labels, epsilon));
        model.eval();
        var inputs = new[] { ("clean", image), ("FR(clean)", fr.Apply(image)), ("adversarial", attacked.Adversarial), ("FR(adversarial)", fr.Apply(attacked.Adversarial)) };
        var predictions = new List<MaskData>();
        var dice = new List<double>();
        using (no_grad())
            foreach (var (_, input) in inputs)
            {
                var logits = model.call(input);
                predictions.Add(ImageTensors.ToMask(logits.argmax(1)[0]));
                dice.Add(SegmentationMetrics.FromLogits(logits, labels).Dice[0]);
            }
        int factor = DisplaySize.FactorFor(data.Size);
        var grid = new ImageGrid(inputs.Select(i => i.Item1).ToArray(),
        [
            new ImageGridRow("input", inputs.Select(i => DisplaySize.Enlarge(ImageTensors.ToImage(i.Item2[0]), factor)).ToArray()),
            new ImageGridRow("prediction", predictions.Select(p => DisplaySize.Enlarge(ImagePanels.FromMask(p), factor)).ToArray()),
        ]);
        var before = BandMeans(attacked.Adversarial - image);
        var after = BandMeans(inputs[3].Item2 - inputs[1].Item2);
        var bands = Enum.GetValues<FrequencyBand>();
        var steps = new[] { fr.Table.Pd, fr.Table.Ac, fr.Table.Gd };
        var table = new DataFrame(
            new StringDataFrameColumn("band", bands.Select(b => b switch
            {
                FrequencyBand.PriorityDefense => "PD (2×2 lowest)",
                FrequencyBand.AccuracyCompensation => "AC (rest of 4×4)",
                _ => "GD (the rest)",
            })),
            new Int32DataFrameColumn("coefficients per block", bands.Select(b => Coefficients(b))),
            new DoubleDataFrameColumn("quantisation step", steps),
            new DoubleDataFrameColumn("mean |δ| before FR", bands.Select(b => Math.Round(before[(int)b], 3))),
            new DoubleDataFrameColumn("mean |δ| after FR", bands.Select(b => Math.Round(after[(int)b], 3))));
        var scores = new DataFrame(new StringDataFrameColumn("input", inputs.Select(i => i.Item1)),
            new DoubleDataFrameColumn("DIC", dice.Select(d => Math.Round(d, 4))));
        return new DefenseFrequencyView(grid, table, scores);
    }

    /// <summary>Mean |DCT coefficient| per band of <paramref name="difference"/> [1, C, H, W], on the 0–255 scale.</summary>
    private static double[] BandMeans(Tensor difference)
    {
        using var scope = NewDisposeScope();
        var dct = BlockDct.Matrix(dtype: ScalarType.Float64, device: difference.device);
        var coefficients = BlockDct.Forward(BlockDct.ToBlocks(difference.to(ScalarType.Float64) * 255), dct).abs().reshape(-1, BlockDct.BlockSize, BlockDct.BlockSize);
        var perCoefficient = coefficients.mean([0]).cpu().data<double>().ToArray();
        var sums = new double[3];
        for (int u = 0; u < BlockDct.BlockSize; u++)
            for (int v = 0; v < BlockDct.BlockSize; v++)
                sums[(int)FrequencyRefinementTable.BandOf(u, v)] += perCoefficient[u * BlockDct.BlockSize + v];
        return Enum.GetValues<FrequencyBand>().Select(b => sums[(int)b] / Coefficients(b)).ToArray();
    }

    private static int Coefficients(FrequencyBand band) => band switch
    {
        FrequencyBand.PriorityDefense => 4,
        FrequencyBand.AccuracyCompensation => 12,
        _ => 48,
    };
}
