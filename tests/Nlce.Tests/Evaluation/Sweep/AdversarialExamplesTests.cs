using System.Text.Json;
using Nlce.Data.Formats;
using Nlce.Evaluation.Sweep;
using Nlce.Tests.Attacks;

namespace Nlce.Tests.Evaluation.Sweep;

public sealed class AdversarialExamplesTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    private static readonly string[] Roles = ["image", "adversarial", "perturbation", "prediction-clean", "prediction-adversarial"];

    [Fact]
    public void Writes_the_pngs_and_a_summary_of_clean_vs_attacked_scores()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 3);
        var examples = new AdversarialExamples(trained.Model, "tiny", AttackRegistry.Default.Find("targeted-ifgsm"));
        var summary = examples.Write(images, 8, folder.Root, batchSize: 2, imagesDescription: "squares");

        Assert.Equal(["img-0", "img-1", "img-2"], summary.Results.Select(r => r.Name));
        Assert.Equal(("tiny", "targeted-ifgsm", 8.0, "Linf", "squares"), (summary.Model, summary.Attack, summary.Epsilon, summary.Norm, summary.Images));
        Assert.True(summary.MeanAdversarialDice <= summary.MeanCleanDice - 0.3, $"clean {summary.MeanCleanDice:F3}, attacked {summary.MeanAdversarialDice:F3}");
        Assert.All(summary.Results, r => Assert.True(r.Linf <= 8 + 1e-4 && r.Linf > 0 && r.L2 >= r.Linf && r.Iterations == 10, $"{r}"));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Root, AdversarialExamples.SummaryFile)));
        var first = json.RootElement.GetProperty("results")[0];
        Assert.Equal(summary.Results[0].AdversarialDice, first.GetProperty("adversarialDice").GetDouble());
        Assert.Equal(summary.Results[0].Linf, first.GetProperty("linf").GetDouble());

        foreach (var result in summary.Results)
        {
            Assert.Equal(Roles, result.Files.Keys);
            foreach (var file in result.Files.Values)
                Assert.True(File.Exists(Path.Combine(folder.Root, file)), file);
            // The perturbation image is 0.5 + δ/(2ε): reading δ back from it matches adversarial − clean up to 8-bit rounding.
            var image = RasterImageFormat.ReadImage(Path.Combine(folder.Root, result.Files["image"]));
            var adversarial = RasterImageFormat.ReadImage(Path.Combine(folder.Root, result.Files["adversarial"]));
            var perturbation = RasterImageFormat.ReadImage(Path.Combine(folder.Root, result.Files["perturbation"]));
            for (int p = 0; p < image.Pixels.Length; p++)
            {
                double fromView = (2 * perturbation.Pixels[p] - 1) * 8, fromImages = (adversarial.Pixels[p] - image.Pixels[p]) * 255;
                Assert.True(Math.Abs(fromView - fromImages) <= 1.1, $"{result.Name} pixel {p}: view says δ = {fromView:F2}, images say {fromImages:F2}");
            }
            var prediction = RasterImageFormat.ReadMask(Path.Combine(folder.Root, result.Files["prediction-adversarial"]));
            Assert.Equal((32, 32), (prediction.Width, prediction.Height));
        }
    }

    [Fact]
    public void Bad_input_fails_before_writing()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 2);
        var examples = new AdversarialExamples(trained.Model, "tiny", AttackRegistry.Default.Find("fgsm"));
        Assert.Throws<ArgumentOutOfRangeException>(() => examples.Write(images, 0, folder.Root));
        Assert.Throws<ArgumentOutOfRangeException>(() => examples.Write(images, double.NaN, folder.Root));
        using var rgb = TinySegmenter.Create(seed: 1, inputChannels: 3);
        Assert.Contains("3", Assert.Throws<ArgumentException>(() =>
            new AdversarialExamples(rgb, "rgb", AttackRegistry.Default.Find("fgsm")).Write(images, 4, folder.Root)).Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Root));
    }
}
