using System.Text.Json;
using Nlce.Attacks;
using Nlce.Data.Formats;
using Nlce.Data.Tensors;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Attacks a set of images at one ε and writes what a reader wants to look at (NLCEN paper, Fig. 1 and Fig. 6): per image the clean
/// and adversarial images, the perturbation scaled for viewing (0.5 + δ/(2ε), so −ε is black, 0 mid-grey and +ε white), and the
/// predictions on the clean and the adversarial image as PNG, plus <c>summary.json</c> with DIC/JSC clean vs attacked and the
/// measured ‖δ‖∞ and ‖δ‖₂ per image. Batches adapt to memory as in <see cref="RobustnessSweep"/>.
/// </summary>
public sealed class AdversarialExamples
{
    /// <summary>The summary's file name.</summary>
    public const string SummaryFile = "summary.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private readonly SegmentationModel model;
    private readonly string modelName;
    private readonly AttackEntry attack;
    private readonly Device device;

    /// <param name="model">The model under attack, on <paramref name="device"/>.</param>
    /// <param name="modelName">Its name in the summary.</param>
    /// <param name="attack">The attack.</param>
    /// <param name="device">Where batches are computed; null for the CPU.</param>
    public AdversarialExamples(SegmentationModel model, string modelName, AttackEntry attack, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(attack);
        this.model = model;
        this.modelName = modelName;
        this.attack = attack;
        this.device = device ?? CPU;
    }

    /// <summary>Attacks every image of <paramref name="images"/> at <paramref name="epsilon"/> and writes the PNGs and the summary into <paramref name="folder"/>.</summary>
    /// <param name="images">Images and ground truth.</param>
    /// <param name="epsilon">ε in intensity units (0–255 scale), finite and &gt; 0.</param>
    /// <param name="folder">Output folder (created when needed); existing files of the same names are replaced.</param>
    /// <param name="seed">Seed of the attack's random choices.</param>
    /// <param name="batchSize">Images per batch to start with; halved on out-of-memory errors.</param>
    /// <param name="imagesDescription">Where the images came from, for the summary.</param>
    /// <param name="progress">Receives (images done, images, current image) after every batch.</param>
    /// <param name="cancellation">Checked between batches and attack iterations.</param>
    /// <exception cref="ArgumentException">ε out of range, images whose channels differ from the model's, or repeated sample names.</exception>
    public AttackSummary Write(SegmentationTensorSet images, double epsilon, string folder, int seed = 0, int batchSize = 8,
        string? imagesDescription = null, IProgress<DataProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!double.IsFinite(epsilon) || epsilon <= 0)
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be finite and > 0 (intensity units, 0–255 scale).");
        if (images.Channels != model.Config.InputChannels)
            throw new ArgumentException($"the images have {images.Channels} channel(s) but model '{modelName}' takes {model.Config.InputChannels}.", nameof(images));
        var names = images.Samples.Select(sample => FileStem(sample.Name)).ToArray();
        var clash = names.GroupBy(name => name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"several samples map to the file name '{clash.Key}'; sample names must differ.", nameof(images));

        Directory.CreateDirectory(folder);
        var instance = attack.Create(seed);
        var results = new AttackedImage[images.Count];
        int done = 0;
        new AdaptiveBatches(batchSize).Run(Enumerable.Range(0, images.Count).ToArray(), batch =>
        {
            var written = Process(images, instance, batch, epsilon, folder, names, cancellation);
            for (int i = 0; i < batch.Count; i++)
                results[batch[i]] = written[i];
            done += batch.Count;
            progress?.Report(new DataProgress(done, images.Count, images.Samples[batch[^1]].Name));
        }, null, cancellation);

        var summary = new AttackSummary(modelName, attack.Name, instance.ToString() ?? attack.Name, epsilon, instance.Norm.ToString(), seed,
            imagesDescription ?? $"{images.Count} images", results);
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryFile), JsonSerializer.Serialize(summary, Json));
        return summary;
    }

    private AttackedImage[] Process(SegmentationTensorSet images, IAttack instance, IReadOnlyList<int> indices, double epsilon, string folder,
        string[] names, CancellationToken cancellation)
    {
        using var scope = NewDisposeScope();
        using var batch = ImageBatch.Gather(images, indices, attack.Targets, device);
        using var result = batch.Attack(instance, model, Enumerable.Repeat(epsilon, indices.Count).ToArray(), new CancellationCheck(cancellation));
        var cleanPrediction = ImageBatch.Predict(model, batch.Images);
        var adversarialPrediction = ImageBatch.Predict(model, result.Adversarial);
        var clean = SegmentationMetrics.FromLabels(cleanPrediction, batch.Labels);
        var adversarial = SegmentationMetrics.FromLabels(adversarialPrediction, batch.Labels);
        var perturbation = (0.5 + (result.Adversarial - batch.Images) / (2 * IntensityScale.ToUnitRange(epsilon))).clamp(0, 1);

        var written = new AttackedImage[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            string stem = names[indices[i]];
            var files = new Dictionary<string, string>
            {
                ["image"] = $"{stem}.image.png",
                ["adversarial"] = $"{stem}.adversarial.png",
                ["perturbation"] = $"{stem}.perturbation.png",
                ["prediction-clean"] = $"{stem}.prediction-clean.png",
                ["prediction-adversarial"] = $"{stem}.prediction-adversarial.png",
            };
            RasterImageFormat.WritePng(ImageTensors.ToImage(batch.Images[i]), Path.Combine(folder, files["image"]));
            RasterImageFormat.WritePng(ImageTensors.ToImage(result.Adversarial[i]), Path.Combine(folder, files["adversarial"]));
            RasterImageFormat.WritePng(ImageTensors.ToImage(perturbation[i]), Path.Combine(folder, files["perturbation"]));
            RasterImageFormat.WritePng(ImageTensors.ToMask(cleanPrediction[i]), Path.Combine(folder, files["prediction-clean"]));
            RasterImageFormat.WritePng(ImageTensors.ToMask(adversarialPrediction[i]), Path.Combine(folder, files["prediction-adversarial"]));
            written[i] = new AttackedImage(images.Samples[indices[i]].Name, clean.Dice[i], adversarial.Dice[i], clean.Jaccard[i], adversarial.Jaccard[i],
                result.LinfNorms[i], result.L2Norms[i], result.Iterations[i], files);
        }
        return written;
    }

    /// <summary>A file-name stem for a sample name: characters outside letters, digits, '-', '_' and '.' become '_'.</summary>
    private static string FileStem(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
