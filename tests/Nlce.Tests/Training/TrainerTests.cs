using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Tests.Data.Tensors;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Training;

/// <summary>The trainer re-seeds torch's generator every epoch, so these tests run alone.</summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlce-trainer-").FullName;
    private readonly SegmentationTensorSet all = SegmentationTensorSet.Load(InMemoryDataset.Squares(12, 16), 16);
    private readonly SingleTorchThread thread = new();
    private readonly TrainingData data;

    public TrainerTests() => data = TrainingData.FromSplits(all, "test-squares");

    public void Dispose()
    {
        thread.Dispose();
        data.Dispose();
        all.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>9 training samples in batches of 4 (3 batches), 16² inputs, a high rate so a few epochs suffice.</summary>
    internal static TrainingOptions Fast(int epochs, bool augment = false) =>
        new(epochs, BatchSize: 4, LearningRate: 0.05, MinimumLearningRate: 1e-3, InputSize: 16, Augment: augment, Seed: 3);

    [Fact]
    public void Training_lowers_the_loss_and_raises_validation_dice_above_0_9()
    {
        manual_seed(1);
        using var model = new TinySegmenter(TinySegmenter.Config1(), dropoutRate: 0);
        var reports = new List<TrainingProgress>();
        var result = new Trainer(Fast(10), CrossEntropyLoss.Loss, CPU).Train(model, data, progress: new SynchronousProgress<TrainingProgress>(reports.Add));

        Assert.Equal(10, result.History.Count);
        Assert.Equal(Enumerable.Range(0, 10), result.History.Select(h => h.Epoch));
        Assert.True(result.History[^1].TrainingLoss < 0.5 * result.History[0].TrainingLoss,
            $"loss went from {result.History[0].TrainingLoss} to {result.History[^1].TrainingLoss}");
        Assert.True(result.History[^1].ValidationDice > 0.9, $"validation DIC {result.History[^1].ValidationDice}");
        Assert.InRange(result.History[^1].ValidationJaccard!.Value, 0, result.History[^1].ValidationDice!.Value);
        Assert.Null(result.LastCheckpoint);

        Assert.Equal(30, reports.Count(r => r.Phase == TrainingPhase.Batch));
        var epochs = reports.Where(r => r.Phase == TrainingPhase.Epoch).ToList();
        Assert.Equal(result.History.Select(h => h.ValidationDice), epochs.Select(r => r.ValidationDice));
        Assert.Equal(result.History.Select(h => h.LearningRate), epochs.Select(r => r.LearningRate));
        Assert.All(reports, r => Assert.Equal((3, 10), (r.Batches, r.Epochs)));
        Assert.Equal([1, 2, 3], reports.Take(3).Select(r => r.Batch));
    }

    public static TheoryData<string, int> Interruptions => new()
    {
        { "plain", 1 },
        { "plain", 2 },
        { "staged", 1 }, // inside stage 0: the Adam and schedule state are restored
        { "staged", 2 }, // at the stage boundary: stage 1 starts with a fresh optimizer
    };

    [Theory]
    [MemberData(nameof(Interruptions))]
    public void Resuming_after_an_interruption_ends_with_the_weights_of_an_uninterrupted_run(string kind, int interruptAfter)
    {
        var options = Fast(3, augment: true);
        var trainer = new Trainer(options, CrossEntropyLoss.Loss, CPU);

        manual_seed(11);
        using var straight = Make(kind);
        var uninterrupted = trainer.Train(straight, data, new CheckpointStore(Path.Combine(folder, "straight")));

        manual_seed(11);
        using var interrupted = Make(kind);
        var store = new CheckpointStore(Path.Combine(folder, "interrupted"));
        using var stop = new CancellationTokenSource();
        var cancelAtEpochEnd = new SynchronousProgress<TrainingProgress>(r =>
        {
            if (r.Phase == TrainingPhase.Epoch && r.Epoch == interruptAfter - 1)
                stop.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(interrupted, data, store, null, cancelAtEpochEnd, stop.Token));
        var checkpoint = store.TryOpen()!;
        Assert.Equal(interruptAfter, checkpoint.Sidecar.EpochsCompleted);

        manual_seed(99); // different initial weights: everything must come from the checkpoint
        using var resumedModel = Make(kind);
        var resumed = trainer.Train(resumedModel, data, store, checkpoint);

        Assert.Equal(uninterrupted.History.Select(h => h.TrainingLoss), resumed.History.Select(h => h.TrainingLoss));
        AssertSameState(straight, resumedModel);
        if (resumedModel is TinyStagedSegmenter staged)
            Assert.Equal([0, 1], staged.PreparedStages);
    }

    [Fact]
    public void Stages_are_prepared_in_order_and_a_frozen_network_stays_bit_identical()
    {
        manual_seed(5);
        using var model = new TinyStagedSegmenter(TinySegmenter.Config1("staged"));
        var stages = new List<int>();
        Tensor? afterStage0 = null;
        var progress = new SynchronousProgress<TrainingProgress>(r =>
        {
            if (r.Phase != TrainingPhase.Epoch)
                return;
            stages.Add(r.Stage);
            if (r.Epoch == 1)
                afterStage0 = model.FirstNetworkWeight.detach().clone();
        });
        new Trainer(Fast(4), CrossEntropyLoss.Loss, CPU).Train(model, data, progress: progress);

        Assert.Equal([0, 1], model.PreparedStages);
        Assert.Equal([0, 0, 1, 1], stages);
        // Stage 1's optimizer never sees net0, so neither momentum nor weight decay moves it.
        Assert.True(model.FirstNetworkWeight.equal(afterStage0!).all().item<bool>());
        afterStage0!.Dispose();
    }

    [Fact]
    public void Auxiliary_outputs_reach_the_loss_of_the_models_kind()
    {
        manual_seed(6);
        using var model = new TinyDeeplySupervisedSegmenter(TinySegmenter.Config1("aux"));
        using var before = model.AuxiliaryHeadWeight.detach().clone();
        var auxiliaryCounts = new List<int>();
        SegmentationLoss deepSupervision = (outputs, target) =>
        {
            auxiliaryCounts.Add(outputs.Auxiliary.Count);
            var total = CrossEntropyLoss.Compute(outputs.Logits, target);
            foreach (var auxiliary in outputs.Auxiliary)
                total = total + CrossEntropyLoss.Compute(auxiliary, target);
            return total / (1 + outputs.Auxiliary.Count);
        };
        var factory = new LossFactory(new Dictionary<LossKind, SegmentationLoss> { [LossKind.DeepSupervision] = deepSupervision });
        new Trainer(Fast(2), factory.Create(model.DefaultLoss), CPU).Train(model, data);

        Assert.Equal(Enumerable.Repeat(1, 6), auxiliaryCounts);
        Assert.False(model.AuxiliaryHeadWeight.equal(before).all().item<bool>(), "the auxiliary head was not trained");
    }

    [Fact]
    public void Steps_do_not_accumulate_live_tensors()
    {
        manual_seed(7);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var live = new List<long>();
        var progress = new SynchronousProgress<TrainingProgress>(r =>
        {
            if (r.Phase == TrainingPhase.Epoch)
                live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        });
        new Trainer(Fast(4, augment: true), CrossEntropyLoss.Loss, CPU).Train(model, data, new CheckpointStore(folder), progress: progress);
        // Gradients and Adam's moments exist from the first step on; after that nothing may grow.
        Assert.Equal(live[1], live[^1]);
    }

    [Fact]
    public void Cancellation_before_the_first_batch_writes_nothing()
    {
        manual_seed(8);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var store = new CheckpointStore(folder);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer(Fast(2), CrossEntropyLoss.Loss, CPU).Train(model, data, store, cancellation: new CancellationToken(canceled: true)));
        Assert.Null(store.TryOpen());
    }

    [Fact]
    public void Data_that_does_not_fit_the_model_or_the_options_is_rejected()
    {
        using var rgb = new TinySegmenter(new ModelConfig("rgb", 3, 2));
        var trainer = new Trainer(Fast(1), CrossEntropyLoss.Loss, CPU);
        var e = Assert.Throws<ArgumentException>(() => trainer.Train(rgb, data));
        Assert.Contains("1 channel(s)", e.Message);
        Assert.Contains("expects 3", e.Message);

        using var grey = new TinySegmenter(TinySegmenter.Config1());
        var wrongSize = new Trainer(Fast(1) with { InputSize = 32 }, CrossEntropyLoss.Loss, CPU);
        Assert.Contains("InputSize is 32", Assert.Throws<ArgumentException>(() => wrongSize.Train(grey, data)).Message);
    }

    [Fact]
    public void Resuming_with_other_options_or_another_dataset_names_the_difference()
    {
        manual_seed(9);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var store = new CheckpointStore(folder);
        new Trainer(Fast(1), CrossEntropyLoss.Loss, CPU).Train(model, data, store);
        var checkpoint = store.TryOpen()!;

        var e = Assert.Throws<ArgumentException>(() => new Trainer(Fast(2), CrossEntropyLoss.Loss, CPU).Train(model, data, store, checkpoint));
        Assert.Contains("Epochs: 2 vs 1", e.Message);
        var renamed = data with { Spec = "other-squares" };
        e = Assert.Throws<ArgumentException>(() => new Trainer(Fast(1), CrossEntropyLoss.Loss, CPU).Train(model, renamed, store, checkpoint));
        Assert.Contains("'test-squares', not 'other-squares'", e.Message);
    }

    internal static SegmentationModel Make(string kind) => kind switch
    {
        "plain" => new TinySegmenter(TinySegmenter.Config1()),
        "staged" => new TinyStagedSegmenter(TinySegmenter.Config1("staged")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "plain or staged"),
    };

    internal static void AssertSameState(nn.Module expected, nn.Module actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (key, value) in a)
            Assert.True(value.equal(b[key]).all().item<bool>(), $"'{key}' differs by up to {(value.to(float64) - b[key].to(float64)).abs().max().item<double>()}");
    }
}
