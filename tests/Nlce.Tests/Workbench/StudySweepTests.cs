using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Results;
using Nlce.Models;
using Nlce.Workbench;
using static TorchSharp.torch;

namespace Nlce.Tests.Workbench;

public sealed class StudySweepTests
{
    private static readonly ReproductionProfile TwoImages = ReproductionProfile.Smoke with { TestImages = 2 };

    /// <summary>Six 32² grey images with a bright square as foreground: two training, four test samples.</summary>
    private static WorkbenchDataset Squares()
    {
        Tensor images, masks;
        using (var scope = NewDisposeScope())
        {
            var labels = zeros(new long[] { 6, 32, 32 }, dtype: uint8);
            for (int i = 0; i < 6; i++)
                labels[i, TensorIndex.Slice(4 + i, 20 + i), TensorIndex.Slice(6, 22)] = tensor((byte)1);
            images = (labels.to(float32).unsqueeze(1) * 0.6f + 0.2f).MoveToOuterDisposeScope();
            masks = labels.MoveToOuterDisposeScope();
        }
        var samples = Enumerable.Range(0, 6).Select(i => new SampleRef($"s{i}", i < 2 ? DatasetSplit.Train : DatasetSplit.Test)).ToList();
        return new WorkbenchDataset("test:squares", new SegmentationTensorSet(images, masks, samples));
    }

    [Fact]
    public void The_profile_decides_how_many_test_images_are_attacked()
    {
        using var data = Squares();
        using var two = StudySweep.AttackedImages(data, TwoImages);
        Assert.Equal(["s2", "s3"], two.Samples.Select(s => s.Name));
        using var all = StudySweep.AttackedImages(data, TwoImages with { TestImages = null });
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public void A_sweep_stores_clean_and_attacked_rows_and_a_second_run_computes_nothing()
    {
        using var folder = new TemporaryFolder();
        using var data = Squares();
        using var model = ModelRegistry.Default.Create("unet", 1, 2, 0.125);
        model.eval();
        using var store = ResultsStore.Open(folder.File("results.sqlite"));
        var sweep = new StudySweep(TwoImages, seed: 0, CPU);
        var models = new Dictionary<string, SegmentationModel> { ["u"] = model };

        var first = sweep.Run(store, models, data, ["targeted-ifgsm"], [2, 4]);
        var second = sweep.Run(store, models, data, ["targeted-ifgsm"], [2, 4]);

        Assert.Equal(6, first.Computed);
        Assert.Equal(0, second.Computed);
        Assert.Equal(6, second.AlreadyStored);
        var curves = StudyResults.Curves(store, ["u"], "targeted-ifgsm", [2, 4]);
        Assert.Equal([0.0, 2.0, 4.0], curves.Select(c => c.Epsilon));
        Assert.All(curves, c => Assert.Equal(2, c.Images));
        Assert.All(store.Rows("u", "targeted-ifgsm"), r => Assert.InRange(r.PerturbationLinf!.Value, 0, r.Key.Epsilon + 1e-3));
    }

    [Fact]
    public void Unknown_attacks_are_refused_before_anything_runs()
    {
        using var folder = new TemporaryFolder();
        using var data = Squares();
        using var model = ModelRegistry.Default.Create("unet", 1, 2, 0.125);
        using var store = ResultsStore.Open(folder.File("results.sqlite"));
        var error = Assert.Throws<ArgumentException>(() => new StudySweep(TwoImages, 0, CPU).Run(store,
            new Dictionary<string, SegmentationModel> { ["u"] = model }, data, ["segpdg"], [2]));
        Assert.Contains("segpgd", error.Message);
        Assert.Empty(store.Rows());
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(1, 1)]
    public void Ablation_fine_tunings_get_half_the_profile_epochs_and_at_least_one(int epochs, int fineTuning)
    {
        using var folder = new TemporaryFolder();
        using var data = Squares();
        var options = new AblationStudy(new WorkbenchCache(folder.Root), ReproductionProfile.Smoke with { Epochs = epochs }, 0, CPU).OptionsFor(data);
        Assert.Equal(epochs, options.FromScratch.Epochs);
        Assert.Equal(fineTuning, options.FrozenFineTuning.Epochs);
        Assert.Equal(fineTuning, options.FullFineTuning.Epochs);
        Assert.Equal(32, options.FromScratch.InputSize);
    }
}
