using Nlce.Charts;
using Nlce.Data;
using Nlce.Evaluation;
using Nlce.Evaluation.Reproduction;
using Nlce.Notebooks.Tests.Charts;
using Nlce.Training;
using Nlce.Workbench;

namespace Nlce.Notebooks.Tests.NotebookSeries.Workbench;

public sealed class TablesAndFiguresTests
{
    [Fact]
    public void Clean_table_has_one_row_per_model_with_rounded_means_and_deviations()
    {
        var frame = ScoreTables.Clean([("unet", new OverlapScores([0.9, 0.7], [0.8, 0.6])), ("cdnn", new OverlapScores([0.123456], [0.5]))]);
        Assert.Equal(["model", "images", "DIC", "DIC sd", "JSC", "JSC sd"], frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("unet", frame.Columns["model"][0]);
        Assert.Equal(2, frame.Columns["images"][0]);
        Assert.Equal(0.8, (double)frame.Columns["DIC"][0]!, 12);
        Assert.Equal(Math.Round(Math.Sqrt(0.02), 4), (double)frame.Columns["DIC sd"][0]!, 12);
        Assert.Equal(0.1235, (double)frame.Columns["DIC"][1]!, 12);
        Assert.Equal(0.0, (double)frame.Columns["JSC sd"][1]!, 12);
        Assert.Throws<ArgumentException>(() => ScoreTables.Clean([]));
    }

    [Fact]
    public void Attack_table_lists_budget_and_both_scores()
    {
        var image = new ImageData(2, 2, 1, new float[4]);
        var mask = new MaskData(2, 2, new byte[4]);
        var attacked = new AttackedImage(new QualitativeExample("nlcen-r18", image, image, mask, mask), "targeted I-FGSM", 16, 20, 15.99, 0.9, 0.4, 0.8, 0.3);
        var frame = ScoreTables.Attacks([attacked]);
        Assert.Equal(0.5, (double)frame.Columns["DIC drop"][0]!, 12);
        Assert.Equal(16.0, (double)frame.Columns["ε"][0]!, 12);
        Assert.Equal(20, frame.Columns["iterations"][0]);
        Assert.Equal(0.3, (double)frame.Columns["JSC adversarial"][0]!, 12);
    }

    [Fact]
    public void Profile_table_is_built_from_the_profiles_themselves()
    {
        var frame = ProfileTable.BuiltIn();
        Assert.Equal(["smoke", "quick", "paper"], Enumerable.Range(0, 3).Select(i => (string)frame.Columns["profile"][i]!));
        Assert.Equal($"{ReproductionProfile.Quick.Size}²", frame.Columns["working size"][1]);
        Assert.Equal("the whole dataset", frame.Columns["images"][2]);
        Assert.Equal(ReproductionProfile.Smoke.Epochs, frame.Columns["epochs"][0]);
    }

    private static IReadOnlyList<EpochMetrics> History(params double?[] dice) =>
        dice.Select((d, i) => new EpochMetrics(i, 0, 1.0 / (i + 1), 1e-3, d, d, 1.5)).ToList();

    [Fact]
    public void Learning_curves_draw_one_line_per_model_over_one_based_epochs()
    {
        var histories = new Dictionary<string, IReadOnlyList<EpochMetrics>> { ["unet"] = History(0.5, 0.7), ["cdnn"] = History(0.4, 0.6, 0.65) };
        var traces = FigureJson.Traces(WorkbenchFigures.LearningCurves(histories, LearningCurve.ValidationDice));
        Assert.Equal(["unet", "cdnn"], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([1.0, 2.0, 3.0], FigureJson.Numbers(traces[1]!["x"]));
        Assert.Equal([0.4, 0.6, 0.65], FigureJson.Numbers(traces[1]!["y"]));
        var loss = FigureJson.Traces(WorkbenchFigures.LearningCurves(histories, LearningCurve.TrainingLoss));
        Assert.Equal([1.0, 0.5], FigureJson.Numbers(loss[0]!["y"]));
    }

    [Fact]
    public void Learning_curves_refuse_missing_data()
    {
        Assert.Throws<ArgumentException>(() => WorkbenchFigures.LearningCurves(new Dictionary<string, IReadOnlyList<EpochMetrics>>(), LearningCurve.TrainingLoss));
        Assert.Throws<ArgumentException>(() => WorkbenchFigures.LearningCurves(
            new Dictionary<string, IReadOnlyList<EpochMetrics>> { ["unet"] = [] }, LearningCurve.TrainingLoss));
        var error = Assert.Throws<ArgumentException>(() => WorkbenchFigures.LearningCurves(
            new Dictionary<string, IReadOnlyList<EpochMetrics>> { ["unet"] = History(0.5, null) }, LearningCurve.ValidationDice));
        Assert.Contains("epoch 2", error.Message);
    }

    [Fact]
    public void Gate_comparison_and_noise_bars_are_grouped_bar_charts()
    {
        var gates = FigureJson.Traces(WorkbenchFigures.GateComparison([0.1, 0.9], [0.2, 0.8]));
        Assert.Equal(2, gates.Count);
        Assert.All(gates, t => Assert.Equal("bar", t!["type"]!.GetValue<string>()));
        Assert.Equal([0.2, 0.8], FigureJson.Numbers(gates[1]!["y"]));
        Assert.Throws<ArgumentException>(() => WorkbenchFigures.GateComparison([0.1], [0.2, 0.8]));

        var noise = FigureJson.Traces(WorkbenchFigures.NoiseThroughModules([new NoiseThroughNlce(2, 0.3, 0.2, 0.1, 0.05), new NoiseThroughNlce(3, 0.4, 0.4, 0.5, 0)]));
        Assert.Equal(3, noise.Count);
        Assert.Equal(["conv2", "conv3"], noise[0]!["x"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([0.1, 0.5], FigureJson.Numbers(noise[2]!["y"]));
        Assert.Throws<ArgumentException>(() => WorkbenchFigures.NoiseThroughModules([]));
    }

    [Fact]
    public void Map_is_a_heatmap_with_a_fixed_colour_scale()
    {
        var chart = WorkbenchFigures.Map([0f, 1f, 2f, 3f, 4f, 5f], 3, 2, 10, "change");
        var trace = FigureJson.Traces(chart)[0]!;
        Assert.Equal("heatmap", trace["type"]!.GetValue<string>());
        Assert.Equal([3.0, 4.0, 5.0], FigureJson.Numbers(trace["z"]![1]));
        Assert.Equal((0.0, 10.0), (trace["zmin"]!.GetValue<double>(), trace["zmax"]!.GetValue<double>()));
        Assert.Throws<ArgumentException>(() => WorkbenchFigures.Map([0f, 1f], 3, 2, 10, "change"));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkbenchFigures.Map([0f, 1f], 2, 1, 0, "change"));
    }

    [Fact]
    public void Sample_standard_deviation()
    {
        Assert.Equal(0, ScoreTables.StandardDeviation([0.5]));
        Assert.Equal(1, ScoreTables.StandardDeviation([1, 2, 3]), 12);
    }
}

public sealed class TrivialSegmentationTests
{
    [Fact]
    public void All_foreground_scores_twice_the_foreground_over_foreground_plus_pixels()
    {
        Nlce.Runtime.TorchRuntime.EnsureLoaded();
        using var scope = TorchSharp.torch.NewDisposeScope();
        // Image 0: 1 of 4 pixels is foreground; image 1: all 4.
        var masks = TorchSharp.torch.tensor(new byte[] { 0, 1, 0, 0, 1, 1, 1, 1 }).reshape(2, 2, 2);
        var set = new Nlce.Data.Tensors.SegmentationTensorSet(TorchSharp.torch.zeros(2, 1, 2, 2), masks,
            [new SampleRef("a", DatasetSplit.Test), new SampleRef("b", DatasetSplit.Test)]);
        var scores = TrivialSegmentation.AllForeground(set);
        Assert.Equal([2.0 / 5, 1.0], scores.Dice);
        Assert.Equal([1.0 / 4, 1.0], scores.Jaccard);
    }
}
