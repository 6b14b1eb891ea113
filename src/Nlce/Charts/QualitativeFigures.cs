using Nlce.Data;

namespace Nlce.Charts;

/// <summary>
/// One model's row of a qualitative figure: the clean input, the adversarial input made from it, and the model's
/// predictions on both (He et al. 2019, Fig. 1 and Fig. 6). The perturbation is derived as adversarial − clean.
/// </summary>
public sealed record QualitativeExample
{
    public QualitativeExample(string model, ImageData input, ImageData adversarialInput, MaskData predictionOnAdversarial, MaskData predictionOnClean, MaskData? groundTruth = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(adversarialInput);
        ArgumentNullException.ThrowIfNull(predictionOnAdversarial);
        ArgumentNullException.ThrowIfNull(predictionOnClean);
        if (adversarialInput.Width != input.Width || adversarialInput.Height != input.Height || adversarialInput.Channels != input.Channels)
            throw new ArgumentException($"adversarialInput is {adversarialInput.Width}×{adversarialInput.Height}; expected the input's {input.Width}×{input.Height}.", nameof(adversarialInput));
        foreach (var (mask, name) in new[] { (predictionOnAdversarial, nameof(predictionOnAdversarial)), (predictionOnClean, nameof(predictionOnClean)), (groundTruth, nameof(groundTruth)) })
        {
            if (mask is not null && (mask.Width != input.Width || mask.Height != input.Height))
                throw new ArgumentException($"{name} is {mask.Width}×{mask.Height}; expected the input's {input.Width}×{input.Height}.", name);
        }
        Model = model;
        Input = input;
        AdversarialInput = adversarialInput;
        PredictionOnAdversarial = predictionOnAdversarial;
        PredictionOnClean = predictionOnClean;
        GroundTruth = groundTruth;
    }

    public string Model { get; }
    public ImageData Input { get; }
    public ImageData AdversarialInput { get; }
    public MaskData PredictionOnAdversarial { get; }
    public MaskData PredictionOnClean { get; }
    public MaskData? GroundTruth { get; }
}

/// <summary>Builders for the image-grid figures of He et al. 2019.</summary>
public static class QualitativeFigures
{
    /// <summary>Column titles of <see cref="AdversarialExamples"/>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["Input", "Perturbation (amplified)", "Adversarial input", "Prediction on adversarial input", "Prediction on clean input"];

    /// <summary>
    /// Fig. 1 / Fig. 6: one row per model with input, perturbation, adversarial input, and the predictions on the
    /// adversarial and the clean input (drawn as overlays, with the ground-truth outline when given).
    /// </summary>
    public static ImageGrid AdversarialExamples(IEnumerable<QualitativeExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rows = examples.Select(e => new ImageGridRow(e.Model,
        [
            e.Input,
            ImagePanels.Perturbation(e.Input, e.AdversarialInput),
            e.AdversarialInput,
            ToImage(new SegmentationOverlay(e.AdversarialInput, e.PredictionOnAdversarial, e.GroundTruth)),
            ToImage(new SegmentationOverlay(e.Input, e.PredictionOnClean, e.GroundTruth)),
        ])).ToList();
        if (rows.Count == 0)
            throw new ArgumentException("at least one example is needed.", nameof(examples));
        return new ImageGrid(Columns, rows);
    }

    private static ImageData ToImage(SegmentationOverlay overlay)
    {
        var canvas = overlay.Render();
        var planar = new float[canvas.Width * canvas.Height * 3];
        var plane = canvas.Width * canvas.Height;
        for (var i = 0; i < plane; i++)
        for (var c = 0; c < 3; c++)
            planar[c * plane + i] = canvas.Pixels[i * 3 + c] / 255f;
        return new ImageData(canvas.Width, canvas.Height, 3, planar);
    }
}
