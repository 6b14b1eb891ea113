using Nlce.Models;
using Nlce.Training;
using Nlce.Training.Ablation;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Ablation;

/// <summary>The protocol seeds torch's generator before every model and the trainer every epoch, so these tests run alone.</summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class AblationProtocolTests(AblationRunFixture run) : IClassFixture<AblationRunFixture>, IDisposable
{
    private readonly SingleTorchThread thread = new();

    public void Dispose() => thread.Dispose();

    public static TheoryData<string> FrozenSteps => new() { "2-without-nl", "2-without-ce", "2-nlcen" };

    [Fact]
    public void The_five_models_come_back_in_protocol_order_with_their_epochs_and_validation_dice()
    {
        Assert.Equal(["w/o NLCE", "w/o NL", "w/o CE", "NLCEN", "fine-tuned NLCEN"], run.Result.Models.Select(m => m.Step.Label));
        Assert.Equal(
            [NlcenVariant.WithoutNlce, NlcenVariant.WithoutNonLocal, NlcenVariant.WithoutContextEncoding, NlcenVariant.Full, NlcenVariant.Full],
            run.Result.Models.Select(m => m.Model.Options.Variant));
        Assert.Equal([1, 2, 2, 2, 1], run.Result.Models.Select(m => m.History.Count));
        Assert.All(run.Result.Models, m => Assert.All(m.ValidationDice, dice => Assert.InRange(dice!.Value, 0, 1)));
        Assert.All(run.Result.Models, m => Assert.Equal(AblationProtocol.StepFolder(run.Root, m.Step), m.Checkpoint.Folder));
        Assert.Same(run.Result["w/o CE"], run.Result[AblationStep.WithoutContextEncoding]);
        Assert.Same(run.Result["3-fine-tuned-nlcen"], run.Result.Models[^1]);
        Assert.Equal([false, true, true, true, false], run.Result.Models.Select(m => m.Model.SharedLayersFrozen));
    }

    [Fact]
    public void Every_step_starts_trains_and_finishes_in_order()
    {
        var boundaries = run.Reports.Where(r => r.Event != AblationEvent.Training).Select(r => (r.StepIndex, r.Event, r.EpochsDone));
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(i => new[] { (i, AblationEvent.Started, 0), (i, AblationEvent.Finished, i is 0 or 4 ? 1 : 2) }),
            boundaries);
        var epochEnds = run.Reports.Where(r => r.Training?.Phase == TrainingPhase.Epoch).ToList();
        Assert.Equal(run.Result.Models.SelectMany(m => m.History.Select(h => h.ValidationDice)), epochEnds.Select(r => r.Training!.ValidationDice));
        Assert.Equal(run.Result.Models.SelectMany(m => m.History.Select(h => h.Epoch + 1)), epochEnds.Select(r => r.EpochsDone));
        Assert.All(run.Reports, r => Assert.Equal(5, r.Steps));
    }

    [Theory]
    [MemberData(nameof(FrozenSteps))]
    public void Step_2_starts_from_the_without_nlce_weights_and_leaves_them_bit_identical(string stepName)
    {
        var step = AblationStep.Find(stepName);
        var baseline = run.Result[AblationStep.WithoutNlce].Model.state_dict();
        var initial = run.InitialStates[step];
        var final = run.Result[step].Model.state_dict();
        var shared = final.Keys.Where(k => !Nlcen.IsNlceKey(k)).ToList();

        Assert.Equal(baseline.Keys.Order(), shared.Order());
        foreach (var key in shared)
        {
            Assert.True(Equal(baseline[key], initial[key]), $"{step}: '{key}' was not loaded from w/o NLCE");
            Assert.True(Equal(baseline[key], final[key]), $"{step}: frozen '{key}' changed in training"); // buffers (BN running statistics) included
        }
    }

    [Theory]
    [MemberData(nameof(FrozenSteps))]
    public void Step_2_trains_every_nlce_module(string stepName)
    {
        var step = AblationStep.Find(stepName);
        var initial = run.InitialStates[step];
        var final = run.Result[step].Model.state_dict();
        for (int module = 0; module < 4; module++)
        {
            var keys = final.Keys.Where(k => k.StartsWith($"nlce.{module}.", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(keys);
            Assert.True(keys.Any(k => !Equal(initial[k], final[k])), $"{step}: no weight of nlce.{module} changed");
        }
    }

    [Fact]
    public void Step_3_starts_from_step_2s_nlcen_and_trains_the_shared_layers_too()
    {
        var source = run.Result[AblationStep.Nlcen].Model.state_dict();
        var initial = run.InitialStates[AblationStep.FineTunedNlcen];
        var final = run.Result[AblationStep.FineTunedNlcen].Model.state_dict();

        Assert.All(source.Keys, key => Assert.True(Equal(source[key], initial[key]), $"'{key}' was not loaded from step 2's NLCEN"));
        Assert.All(run.Result[AblationStep.FineTunedNlcen].Model.parameters(), p => Assert.True(p.requires_grad));
        var changed = final.Keys.Where(key => !Equal(initial[key], final[key])).ToList();
        Assert.Contains(changed, key => key.StartsWith("encoder.", StringComparison.Ordinal));
        Assert.Contains(changed, key => key.StartsWith("refine_head.", StringComparison.Ordinal));
        Assert.Contains(changed, Nlcen.IsNlceKey);
    }

    [Fact]
    public void An_interrupted_protocol_resumes_inside_step_2_and_ends_with_the_uninterrupted_weights()
    {
        string root = run.NewRoot();
        using var stop = new CancellationTokenSource();
        var interrupt = new SynchronousProgress<AblationProgress>(r =>
        {
            if (r.Step == AblationStep.WithoutContextEncoding && r.Training?.Phase == TrainingPhase.Epoch && r.EpochsDone == 1)
                stop.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            AblationRunFixture.Protocol().Run(new RecordingNlcenFactory().Create, run.Data, root, interrupt, stop.Token));
        Assert.Equal(1, new CheckpointStore(AblationProtocol.StepFolder(root, AblationStep.WithoutContextEncoding)).TryOpen()!.Sidecar.EpochsCompleted);
        Assert.False(Directory.Exists(AblationProtocol.StepFolder(root, AblationStep.Nlcen)));
        var finishedBefore = FinishedCheckpointFiles(root);

        var reports = new List<AblationProgress>();
        using var resumed = AblationRunFixture.Protocol().Run(new RecordingNlcenFactory().Create, run.Data, root,
            new SynchronousProgress<AblationProgress>(reports.Add));

        Assert.Equal(
            [
                ("1-without-nlce", AblationEvent.AlreadyFinished, 1), ("2-without-nl", AblationEvent.AlreadyFinished, 2),
                ("2-without-ce", AblationEvent.Resumed, 1), ("2-nlcen", AblationEvent.Started, 0), ("3-fine-tuned-nlcen", AblationEvent.Started, 0),
            ],
            reports.Where(r => r.Event is AblationEvent.Started or AblationEvent.Resumed or AblationEvent.AlreadyFinished)
                .Select(r => (r.Step.Name, r.Event, r.EpochsDone)));
        // Finished steps are not trained again: no trainer reports, checkpoint files untouched; the resumed step trains only its second epoch.
        Assert.Equal([("2-without-ce", 1), ("2-nlcen", 0), ("2-nlcen", 1), ("3-fine-tuned-nlcen", 0)],
            reports.Where(r => r.Training?.Phase == TrainingPhase.Epoch).Select(r => (r.Step.Name, r.Training!.Epoch)));
        Assert.Equal(finishedBefore, FinishedCheckpointFiles(root));

        foreach (var (expected, actual) in run.Result.Models.Zip(resumed.Models))
        {
            Assert.Equal(expected.History.Select(h => h.TrainingLoss), actual.History.Select(h => h.TrainingLoss));
            Assert.Equal(expected.ValidationDice, actual.ValidationDice);
            AssertSameState(expected.Model, actual.Model, expected.Step);
        }
    }

    [Fact]
    public void Rerunning_a_finished_protocol_trains_nothing_and_returns_the_same_models()
    {
        var reports = new List<AblationProgress>();
        using var again = AblationRunFixture.Protocol().Run(new RecordingNlcenFactory().Create, run.Data, run.Root,
            new SynchronousProgress<AblationProgress>(reports.Add));

        Assert.DoesNotContain(reports, r => r.Event is AblationEvent.Training or AblationEvent.Started or AblationEvent.Resumed);
        Assert.Equal(5, reports.Count(r => r.Event == AblationEvent.AlreadyFinished));
        foreach (var (expected, actual) in run.Result.Models.Zip(again.Models))
        {
            Assert.Equal(expected.History, actual.History);
            Assert.Equal(expected.Model.SharedLayersFrozen, actual.Model.SharedLayersFrozen);
            AssertSameState(expected.Model, actual.Model, expected.Step);
        }
    }

    [Fact]
    public void A_root_trained_with_other_options_is_refused_naming_the_step_and_the_field()
    {
        var other = AblationRunFixture.Options with { FrozenFineTuning = AblationRunFixture.Options.FrozenFineTuning with { LearningRate = 5e-4 } };
        var error = Assert.Throws<ArgumentException>(() =>
            new AblationProtocol(other, LossFactory.Paper, CPU).Run(new RecordingNlcenFactory().Create, run.Data, run.Root));
        Assert.Contains(AblationStep.WithoutNonLocal.Name, error.Message);
        Assert.Contains("LearningRate", error.Message);
    }

    public static TheoryData<string, string> WrongFactories => new()
    {
        { "wrong variant", "an NLCEN of variant Full" },
        { "not an NLCEN", "a TinySegmenter" },
    };

    [Theory]
    [MemberData(nameof(WrongFactories))]
    public void A_factory_that_builds_the_wrong_model_is_refused_before_training(string kind, string described)
    {
        var factory = new RecordingNlcenFactory();
        Func<NlcenVariant, SegmentationModel> create = kind == "wrong variant"
            ? _ => factory.Create(NlcenVariant.Full)
            : _ => new TinySegmenter(TinySegmenter.Config1());
        string root = run.NewRoot();

        var error = Assert.Throws<ArgumentException>(() => AblationRunFixture.Protocol().Run(create, run.Data, root));

        Assert.Equal("createModel", error.ParamName);
        Assert.Contains(described, error.Message);
        Assert.Contains("WithoutNlce", error.Message);
        Assert.False(Directory.Exists(root));
        Assert.All(factory.Built, model => Assert.Throws<ObjectDisposedException>(() => model.training)); // the refused model was disposed
    }

    [Fact]
    public void Data_of_another_size_is_refused_by_the_first_step()
    {
        var options = AblationOptions.WithEpochs(new TrainingOptions(1, InputSize: 2 * AblationRunFixture.Size), 1, 1, 1);
        var error = Assert.Throws<ArgumentException>(() =>
            new AblationProtocol(options, LossFactory.Paper, CPU).Run(new RecordingNlcenFactory().Create, run.Data, run.NewRoot()));
        Assert.Contains($"InputSize is {2 * AblationRunFixture.Size}", error.Message);
    }

    private static bool Equal(Tensor expected, Tensor actual)
    {
        using var scope = NewDisposeScope();
        return expected.shape.SequenceEqual(actual.shape) && expected.eq(actual).all().item<bool>();
    }

    private static void AssertSameState(Nlcen expected, Nlcen actual, AblationStep step)
    {
        var want = expected.state_dict();
        var got = actual.state_dict();
        Assert.Equal(want.Keys.Order(), got.Keys.Order());
        foreach (var key in want.Keys)
            Assert.True(Equal(want[key], got[key]), $"{step}: '{key}' differs from the uninterrupted run");
    }

    /// <summary>Name, size and write time of every file of the two steps that had finished before the interruption.</summary>
    private static List<(string, long, DateTime)> FinishedCheckpointFiles(string root) =>
        new[] { AblationStep.WithoutNlce, AblationStep.WithoutNonLocal }
            .SelectMany(step => Directory.EnumerateFiles(AblationProtocol.StepFolder(root, step)))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, new FileInfo(path).Length, File.GetLastWriteTimeUtc(path)))
            .ToList();
}
