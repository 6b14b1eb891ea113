using Nlce.Charts;
using Nlce.Data;

namespace Nlce.Workbench;

/// <summary>
/// Fig. 6 of the NLCEN paper ("Comparison of segmentation results obtained from SLSDeep, NWCN, UNet, InvertNet, CDNN and our
/// NL-CEN when they are attacked by targeted Iterative FGSM with ε = 32"): one row per test image, with the input, an adversarial
/// image, the ground truth, and every model's prediction on the adversarial image made against that model (the attack is white-box,
/// so each model has its own). The adversarial column shows the first model's, as the paper's figure shows one adversarial input per row.
/// </summary>
public static class QualitativeGrid
{
    /// <summary>
    /// Panels are enlarged (whole-number factor, nearest neighbour) to at most this side: with three fixed columns and six models a
    /// row holds nine panels, which must fit a notebook's width without the browser squeezing them out of shape.
    /// </summary>
    public const int PanelSide = 80;

    /// <summary>The whole-number enlargement of a <paramref name="side"/>-pixel panel in the grid: ⌊<see cref="PanelSide"/> / side⌋, at least 1.</summary>
    public static int FactorFor(int side)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        return Math.Max(1, PanelSide / side);
    }

    /// <summary>
    /// The grid of <paramref name="images"/>: one inner list per test image, one <see cref="AttackedImage"/> per model, the models in
    /// the same order in every row. Panels are enlarged for display by <see cref="FactorFor"/>; predictions are drawn in red over
    /// the adversarial input with the ground-truth outline in green.
    /// </summary>
    /// <param name="images">The attacked images, row by row.</param>
    /// <param name="rowLabels">One label per row (e.g. the sample name).</param>
    /// <exception cref="ArgumentException">No rows, a row without models, rows with different models, or labels that do not match the rows.</exception>
    public static ImageGrid ByImage(IReadOnlyList<IReadOnlyList<AttackedImage>> images, IReadOnlyList<string> rowLabels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(rowLabels);
        if (images.Count == 0)
            throw new ArgumentException("the grid needs at least one image row.", nameof(images));
        if (rowLabels.Count != images.Count)
            throw new ArgumentException($"got {rowLabels.Count} row labels for {images.Count} rows; expected one per row.", nameof(rowLabels));
        var models = images[0].Select(a => a.Model).ToList();
        if (models.Count == 0)
            throw new ArgumentException("row 0 has no model; expected at least one attacked model per row.", nameof(images));
        for (int row = 1; row < images.Count; row++)
        {
            var other = images[row].Select(a => a.Model).ToList();
            if (!other.SequenceEqual(models))
                throw new ArgumentException($"row {row} has models [{string.Join(", ", other)}]; expected [{string.Join(", ", models)}] as in row 0.", nameof(images));
        }
        var titles = new List<string> { "Input", $"Adversarial input (against {models[0]})", "Ground truth" };
        titles.AddRange(models.Select(m => $"{m} on its adversarial input"));
        var rows = images.Select((attacked, index) =>
        {
            var first = Enlarge(attacked[0].Example);
            var panels = new List<ImageData>
            {
                first.Input,
                first.AdversarialInput,
                Render(new SegmentationOverlay(first.Input, first.GroundTruth ?? throw new ArgumentException($"row {index} has no ground truth.", nameof(images)))),
            };
            panels.AddRange(attacked.Select(a =>
            {
                var example = Enlarge(a.Example);
                return Render(new SegmentationOverlay(example.AdversarialInput, example.PredictionOnAdversarial, example.GroundTruth));
            }));
            return new ImageGridRow(rowLabels[index], panels);
        }).ToList();
        return new ImageGrid(titles, rows);
    }

    private static QualitativeExample Enlarge(QualitativeExample example)
    {
        int factor = FactorFor(Math.Max(example.Input.Width, example.Input.Height));
        return new QualitativeExample(example.Model, DisplaySize.Enlarge(example.Input, factor), DisplaySize.Enlarge(example.AdversarialInput, factor),
            DisplaySize.Enlarge(example.PredictionOnAdversarial, factor), DisplaySize.Enlarge(example.PredictionOnClean, factor),
            example.GroundTruth is null ? null : DisplaySize.Enlarge(example.GroundTruth, factor));
    }

    private static ImageData Render(SegmentationOverlay overlay)
    {
        var canvas = overlay.Render();
        int plane = canvas.Width * canvas.Height;
        var planar = new float[plane * 3];
        for (int i = 0; i < plane; i++)
        for (int c = 0; c < 3; c++)
            planar[c * plane + i] = canvas.Pixels[i * 3 + c] / 255f;
        return new ImageData(canvas.Width, canvas.Height, 3, planar);
    }
}
