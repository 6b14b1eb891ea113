using Nlce.Data;
using Nlce.Models;
using Nlce.Training;
using Nlce.Workbench;
using static TorchSharp.torch;

namespace Nlce.Notebooks.Tests.NotebookSeries.Workbench;

[Collection(SmokeWorkbenchCollection.Name)]
public sealed class CachedTrainingTests(SmokeWorkbenchFixture session)
{
    [Fact]
    public void Dataset_comes_at_the_profile_size_with_a_test_split()
    {
        var data = session.Data;
        Assert.Equal(SmokeWorkbenchFixture.Profile.Size, data.Size);
        Assert.Equal(SmokeWorkbenchFixture.Profile.PhantomCount, data.All.Count);
        Assert.Equal(1, data.Channels);
        Assert.Equal(data.SplitCounts[DatasetSplit.Test], data.Test.Count);
        Assert.True(data.Test.Count > 0);
        Assert.All(data.Test.Samples, s => Assert.Equal(DatasetSplit.Test, s.Split));
        Assert.Equal(data.Size, data.TestImage(0).Width);
        Assert.InRange(data.TestMask(0).ForegroundFraction, 0.05, 0.95);
        Assert.True(Directory.EnumerateFileSystemEntries(session.Cache.PreparedFolder).Any(), "the prepared tensors are cached");
    }

    [Fact]
    public void A_fresh_run_trains_and_a_second_call_reuses_the_checkpoint_with_the_same_weights()
    {
        var first = session.Nlcen;
        Assert.False(first.Reused);
        Assert.Equal(SmokeWorkbenchFixture.Profile.Epochs, first.History.Count);
        Assert.Equal(session.Training.CheckpointFolder("nlcen-r18", session.Data), first.CheckpointFolder);
        Assert.True(File.Exists(Path.Combine(first.CheckpointFolder, "checkpoint.json")));
        Assert.Equal(SmokeWorkbenchFixture.Profile.Width, first.Model.Config.Width);

        using var again = session.Training.TrainOrLoad("NLCEN-R18", session.Data);
        Assert.True(again.Reused);
        Assert.Equal(first.History, again.History);
        Assert.False(again.Model.training);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = session.Data.Test.Images;
        Assert.True(first.Model.call(images).allclose(again.Model.call(images)), "the reused model predicts exactly as the trained one");
    }

    [Fact]
    public void The_same_key_gives_the_same_checkpoint_whatever_the_session_drew_before()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        using var a = new CachedTraining(new WorkbenchCache(first.Path), SmokeWorkbenchFixture.Profile, SmokeWorkbenchFixture.Seed, CPU).TrainOrLoad("cdnn", session.Data);
        using (rand(1000)) { }                                   // another session state: numbers already drawn from torch's generator
        using var b = new CachedTraining(new WorkbenchCache(second.Path), SmokeWorkbenchFixture.Profile, SmokeWorkbenchFixture.Seed, CPU).TrainOrLoad("cdnn", session.Data);
        Assert.False(a.Reused || b.Reused);
        Assert.Equal(a.History.Select(e => e.TrainingLoss), b.History.Select(e => e.TrainingLoss));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Assert.True(a.Model.call(session.Data.Test.Images).eq(b.Model.call(session.Data.Test.Images)).all().item<bool>(), "identical predictions");
    }

    [Fact]
    public void Options_follow_the_profile_and_augment_only_rgb_data()
    {
        var options = session.Training.OptionsFor(session.Data);
        var profile = SmokeWorkbenchFixture.Profile;
        Assert.Equal((profile.Epochs, profile.BatchSize, profile.Size, false, SmokeWorkbenchFixture.Seed),
            (options.Epochs, options.BatchSize, options.InputSize, options.Augment, options.Seed));
        Assert.Equal(Math.Max(profile.Epochs, 2), session.Training.OptionsFor(session.Data, trainingStages: 2).Epochs);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.Training.OptionsFor(session.Data, trainingStages: 0));
    }

    [Fact]
    public void Unknown_models_are_refused_with_a_suggestion()
    {
        var error = Assert.Throws<ArgumentException>(() => session.Training.TrainOrLoad("nlcen-r19", session.Data));
        Assert.Contains("nlcen-r18", error.Message);
    }

    [Fact]
    public void A_checkpoint_written_with_other_options_is_not_silently_reused()
    {
        using var folder = new TempFolder();
        var cache = new WorkbenchCache(folder.Path);
        var key = CheckpointKey.For("unet", session.Data.Spec, SmokeWorkbenchFixture.Profile, SmokeWorkbenchFixture.Seed);
        // Plant a finished run of the same key but with another batch size, as an edited profile would leave behind.
        using (var model = ModelRegistry.Default.Create("unet", 1, 2, SmokeWorkbenchFixture.Profile.Width))
        using (var training = TrainingData.FromSplits(session.Data.All, session.Data.Spec))
        {
            var other = session.Training.OptionsFor(session.Data) with { BatchSize = 4 };
            new TrainingRun(Nlce.Training.Losses.LossFactory.Paper).Execute(new TrainingRunRequest(cache.CheckpointFolder(key), other), model, training, CPU);
        }
        var error = Assert.Throws<ArgumentException>(() =>
            new CachedTraining(cache, SmokeWorkbenchFixture.Profile, SmokeWorkbenchFixture.Seed, CPU).TrainOrLoad("unet", session.Data));
        Assert.Contains("BatchSize", error.Message);
    }

    [Fact]
    public void A_dataset_without_test_samples_is_refused()
    {
        using var scope = NewDisposeScope();
        var all = new Nlce.Data.Tensors.SegmentationTensorSet(zeros(2, 1, 8, 8), zeros(new long[] { 2, 8, 8 }, dtype: uint8),
            [new SampleRef("a", DatasetSplit.Train), new SampleRef("b", DatasetSplit.Val)]);
        var error = Assert.Throws<DataFormatException>(() => new WorkbenchDataset("folder:/nowhere", all));
        Assert.Equal("Splits", error.Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Test_indices_outside_the_split_are_refused(int index)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => session.Data.TestImage(index));
        Assert.Contains($"[0, {session.Data.Test.Count})", error.Message);
    }
}
