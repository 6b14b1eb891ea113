using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Tests.Data.Tensors;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class TrainingRunTests : IDisposable
{
    private readonly SingleTorchThread thread = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nlce-run-").FullName;
    private readonly SegmentationTensorSet all = SegmentationTensorSet.Load(InMemoryDataset.Squares(12, 16), 16);
    private readonly TrainingData data;
    private readonly TrainingRun run = new(new LossFactory(new Dictionary<LossKind, SegmentationLoss>()));

    public TrainingRunTests() => data = TrainingData.FromSplits(all, "test-squares");

    public void Dispose()
    {
        thread.Dispose();
        data.Dispose();
        all.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_fresh_run_refuses_a_folder_with_a_checkpoint_and_a_resume_needs_one()
    {
        var request = new TrainingRunRequest(folder, TrainerTests.Fast(1));
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var first = run.Execute(request, model, data, CPU);
        Assert.Null(first.ResumedAfterEpochs);
        Assert.NotNull(first.Training.LastCheckpoint);

        var e = Assert.Throws<ArgumentException>(() => run.Execute(request, model, data, CPU));
        Assert.Contains("already holds a checkpoint of 'tiny' after epoch 1", e.Message);

        string empty = Path.Combine(folder, "empty");
        e = Assert.Throws<ArgumentException>(() => run.Execute(request with { OutputFolder = empty, Resume = true }, model, data, CPU));
        Assert.Contains("nothing to resume", e.Message);
        Assert.Contains("InitBackbone", Assert.Throws<ArgumentException>(() =>
            run.Execute(request with { Resume = true, InitBackbone = "resnet18.dat" }, model, data, CPU)).Message);
    }

    [Fact]
    public void Resuming_a_finished_run_restores_its_weights_without_training()
    {
        manual_seed(31);
        using var trained = new TinySegmenter(TinySegmenter.Config1());
        var request = new TrainingRunRequest(folder, TrainerTests.Fast(2));
        var first = run.Execute(request, trained, data, CPU);

        manual_seed(32);
        using var fresh = new TinySegmenter(TinySegmenter.Config1());
        var again = run.Execute(request with { Resume = true }, fresh, data, CPU);
        Assert.Equal(2, again.ResumedAfterEpochs);
        Assert.Equal(first.Training.History, again.Training.History);
        TrainerTests.AssertSameState(trained, fresh);
    }

    [Fact]
    public void The_models_own_loss_is_required_before_anything_is_written()
    {
        using var model = new TinyDeeplySupervisedSegmenter(TinySegmenter.Config1("aux"));
        var e = Assert.Throws<ArgumentException>(() => run.Execute(new TrainingRunRequest(folder, TrainerTests.Fast(1)), model, data, CPU));
        Assert.Contains("DeepSupervision", e.Message);
        Assert.Null(new CheckpointStore(folder).TryOpen());
    }
}
