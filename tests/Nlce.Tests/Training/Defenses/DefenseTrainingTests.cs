using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Tests.Data.Tensors;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using Nlce.Training.Defenses;
using Nlce.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Defenses;

/// <summary>
/// Training defenses through the trainer and the facade, on 9 training squares at 16² (<see cref="InMemoryDataset.Squares"/>).
/// The trainer re-seeds torch's generator every epoch, so these tests run alone.
/// </summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class DefenseTrainingTests : IDisposable
{
    private static readonly ModelRegistry Registry = ModelRegistry.Default.With(
        new ModelEntry("tiny", "test model: conv, batch norm, dropout, 1×1 head", config => new TinySegmenter(config)));

    private readonly string folder = Directory.CreateTempSubdirectory("nlce-defense-").FullName;
    private readonly SegmentationTensorSet all = SegmentationTensorSet.Load(InMemoryDataset.Squares(12, 16), 16);
    private readonly SingleTorchThread thread = new();
    private readonly TrainingData data;

    public DefenseTrainingTests() => data = TrainingData.FromSplits(all, "test-squares");

    public void Dispose()
    {
        thread.Dispose();
        data.Dispose();
        all.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    public static TheoryData<string> Objectives => ["sat", "sat-mixed-l2", "amat", "amat-l2", "temperature", "distillation"];

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Resuming_a_defended_run_ends_with_the_weights_and_objective_state_of_an_uninterrupted_run(string kind)
    {
        var options = TrainerTests.Fast(3, augment: true);
        manual_seed(5);
        using var teacher = new TinySegmenter(TinySegmenter.Config1());

        manual_seed(11);
        using var straight = new TinySegmenter(TinySegmenter.Config1());
        var straightObjective = Objective(kind, teacher);
        var uninterrupted = new Trainer(options, CrossEntropyLoss.Loss, CPU, straightObjective).Train(straight, data, new CheckpointStore(Path.Combine(folder, "straight")));

        manual_seed(11);
        using var interrupted = new TinySegmenter(TinySegmenter.Config1());
        var store = new CheckpointStore(Path.Combine(folder, "interrupted"));
        using var stop = new CancellationTokenSource();
        var cancelAfterFirstEpoch = new SynchronousProgress<TrainingProgress>(r =>
        {
            if (r.Phase == TrainingPhase.Epoch && r.Epoch == 0)
                stop.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer(options, CrossEntropyLoss.Loss, CPU, Objective(kind, teacher)).Train(interrupted, data, store, null, cancelAfterFirstEpoch, stop.Token));
        var checkpoint = store.TryOpen()!;
        Assert.Equal(1, checkpoint.Sidecar.EpochsCompleted);
        Assert.Equal(straightObjective.Name, checkpoint.Sidecar.Objective!.Name);

        manual_seed(99); // other initial weights (and, for AMAT, another τ if it were recomputed): all must come from the checkpoint
        using var resumedModel = new TinySegmenter(TinySegmenter.Config1());
        var resumedObjective = Objective(kind, teacher);
        var resumed = new Trainer(options, CrossEntropyLoss.Loss, CPU, resumedObjective).Train(resumedModel, data, store, checkpoint);

        Assert.Equal(uninterrupted.History.Select(h => h.TrainingLoss), resumed.History.Select(h => h.TrainingLoss));
        TrainerTests.AssertSameState(straight, resumedModel);
        if (straightObjective is AmatObjective amat)
        {
            var again = (AmatObjective)resumedObjective;
            Assert.Equal(amat.DiceThreshold, again.DiceThreshold);
            Assert.Equal(amat.Margins.Margins, again.Margins.Margins);
            Assert.Equal(amat.Margins.History, again.Margins.History);
            Assert.Equal(3, again.Margins.History.Count);
        }
    }

    [Fact]
    public void Resuming_with_another_objective_or_other_settings_is_refused_naming_the_difference()
    {
        manual_seed(3);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var store = new CheckpointStore(folder);
        new Trainer(TrainerTests.Fast(2), CrossEntropyLoss.Loss, CPU, new SatObjective(new SatOptions { Iterations = 1 })).Train(model, data, store);
        var checkpoint = store.TryOpen()!;

        var e = Assert.Throws<ArgumentException>(() =>
            new Trainer(TrainerTests.Fast(2), CrossEntropyLoss.Loss, CPU, new SatObjective(new SatOptions { Iterations = 1, Epsilon = 4 })).Train(model, data, store, checkpoint));
        Assert.Contains("sat.Epsilon: 4 vs 8", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Trainer(TrainerTests.Fast(2), CrossEntropyLoss.Loss, CPU).Train(model, data, store, checkpoint));
        Assert.Contains("objective: plain training vs sat", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            new Trainer(TrainerTests.Fast(2), CrossEntropyLoss.Loss, CPU, new AmatObjective(new AmatOptions())).Train(model, data, store, checkpoint));
        Assert.Contains("objective: amat vs sat", e.Message);
    }

    [Fact]
    public void An_amat_checkpoint_whose_margins_do_not_fit_the_training_set_names_the_field()
    {
        manual_seed(4);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var store = new CheckpointStore(folder);
        var amat = new AmatOptions { Iterations = 2, DiceThreshold = 0.5 };
        new Trainer(TrainerTests.Fast(1), CrossEntropyLoss.Loss, CPU, new AmatObjective(amat)).Train(model, data, store);
        var checkpoint = store.TryOpen()!;
        using var fewer = data.Train.Select([0, 1, 2]);
        var e = Assert.Throws<DataFormatException>(() =>
            new Trainer(TrainerTests.Fast(1), CrossEntropyLoss.Loss, CPU, new AmatObjective(amat)).Train(model, data with { Train = fewer }, store, checkpoint));
        Assert.Contains("Objective.State.Margins", e.Message);
        Assert.Contains("9 margins but the training set has 3", e.Message);
    }

    [Fact]
    public void Amat_margins_grow_by_delta_for_samples_that_always_resist()
    {
        manual_seed(6);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var amat = new AmatObjective(new AmatOptions { Delta = 2, MaxMargin = 5, Iterations = 3, DiceThreshold = 0 }); // DIC < 0 never happens
        new Trainer(TrainerTests.Fast(3), CrossEntropyLoss.Loss, CPU, amat).Train(model, data);

        Assert.Equal(Enumerable.Repeat(5.0, 9), amat.Margins.Margins); // 2 → 4 → 6, clamped to 5
        Assert.Equal([4.0, 5.0, 5.0], amat.Margins.History.Select(h => h.Mean));
        Assert.All(amat.Margins.History, h => Assert.Equal((9, 0), (h.Grown, h.Moved)));
    }

    [Fact]
    public void Amat_margins_shrink_to_the_breaking_size_for_samples_that_break()
    {
        manual_seed(7);
        using var model = new TinySegmenter(TinySegmenter.Config1()); // untrained: no sample reaches DIC 1 even unattacked
        var amat = new AmatObjective(new AmatOptions { Delta = 4, MaxMargin = 16, Iterations = 3, DiceThreshold = 1 });
        new Trainer(TrainerTests.Fast(1, augment: true), CrossEntropyLoss.Loss, CPU, amat).Train(model, data);

        // Every sample is already incorrect at its random start, whose L∞ size is at most the start radius max(E − Δ, Δ) = 4.
        Assert.Equal((0, 9), (amat.Margins.History[0].Grown, amat.Margins.History[0].Moved));
        Assert.All(amat.Margins.Margins, m => Assert.InRange(m, 3.5, 4.0));
        Assert.True(amat.Margins.Margins.Any(m => m < 4), "no margin shrank below the start");
    }

    [Fact]
    public void The_margin_history_can_be_read_back_from_an_amat_checkpoint_and_only_from_one()
    {
        manual_seed(10);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var amat = new AmatObjective(new AmatOptions { Iterations = 2, DiceThreshold = 0.5 });
        var result = new Trainer(TrainerTests.Fast(2), CrossEntropyLoss.Loss, CPU, amat).Train(model, data, new CheckpointStore(Path.Combine(folder, "amat")));
        Assert.Equal(amat.Margins.History, AmatObjective.MarginHistory(result.LastCheckpoint!));

        var plain = new Trainer(TrainerTests.Fast(1), CrossEntropyLoss.Loss, CPU).Train(model, data, new CheckpointStore(Path.Combine(folder, "plain")));
        Assert.Contains("not AMAT", Assert.Throws<DataFormatException>(() => AmatObjective.MarginHistory(plain.LastCheckpoint!)).Message);
        var sat = new Trainer(TrainerTests.Fast(1), CrossEntropyLoss.Loss, CPU, new SatObjective(new SatOptions { Iterations = 1 }))
            .Train(model, data, new CheckpointStore(Path.Combine(folder, "sat")));
        Assert.Contains("objective 'sat', not 'amat'", Assert.Throws<DataFormatException>(() => AmatObjective.MarginHistory(sat.LastCheckpoint!)).Message);
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Defended_steps_do_not_accumulate_live_tensors(string kind)
    {
        manual_seed(13);
        using var teacher = new TinySegmenter(TinySegmenter.Config1());
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var live = new List<long>();
        var progress = new SynchronousProgress<TrainingProgress>(r =>
        {
            if (r.Phase == TrainingPhase.Epoch)
                live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        });
        new Trainer(TrainerTests.Fast(4, augment: true), CrossEntropyLoss.Loss, CPU, Objective(kind, teacher)).Train(model, data, new CheckpointStore(folder), progress: progress);
        Assert.Equal(live[1], live[^1]);
    }

    public static TheoryData<string, long> TrainingForwards => new()
    {
        { "sat", 1 }, // the adversarial batch only
        { "sat-mixed-l2", 2 }, // clean and adversarial batches
        { "amat", 2 },
        { "temperature", 1 },
        { "distillation", 1 }, // the teacher runs in eval mode
    };

    [Theory]
    [MemberData(nameof(TrainingForwards))]
    public void Only_the_training_forwards_update_batch_norm_statistics_and_the_model_stays_in_training_mode(string kind, long forwards)
    {
        manual_seed(14);
        using var teacher = new TinySegmenter(TinySegmenter.Config1());
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var objective = Objective(kind, teacher);
        objective.Start(model, data, CPU, null, null);
        model.train();
        using var batch = new BatchIterator(data.Train, 4, seed: null, augmentation: null, CPU).Epoch(0).First();
        long before = model.state_dict()["bn1.num_batches_tracked"].item<long>();
        using (var scope = NewDisposeScope())
            objective.Loss(new TrainingStep(0, 0, 0), model, batch, CrossEntropyLoss.Loss).backward();
        Assert.Equal(forwards, model.state_dict()["bn1.num_batches_tracked"].item<long>() - before); // PGD's many forwards are not counted
        Assert.True(model.training);
        Assert.All(model.modules(), m => Assert.True(m.training, $"{m.GetName()} left in eval mode"));
    }

    [Fact]
    public void Amat_computes_the_threshold_as_the_mean_training_dice_of_the_starting_model()
    {
        manual_seed(8);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        double expected = ValidationEvaluator.Evaluate(model, data.Train, 8, CPU).MeanDice;
        var amat = new AmatObjective(new AmatOptions { Iterations = 1 });
        var result = new Trainer(TrainerTests.Fast(1), CrossEntropyLoss.Loss, CPU, amat).Train(model, data, new CheckpointStore(folder));
        Assert.Equal(expected, amat.DiceThreshold);
        Assert.Equal(expected, result.LastCheckpoint!.Sidecar.Objective!.State!["DiceThreshold"]!.GetValue<double>());
    }

    [Fact]
    public void A_distilled_student_at_temperature_1_reproduces_the_teachers_argmax_on_most_training_pixels()
    {
        var request = new TrainingRunRequest(folder, TrainerTests.Fast(12));
        manual_seed(21);
        using var student = new TinySegmenter(TinySegmenter.Config1(), dropoutRate: 0);
        var result = Facade().Distill(request, new DistillationOptions(), student, data, CPU);

        Assert.Equal(DefenseKind.Distill, result.Defense);
        Assert.Equal(12, result.Teacher!.History.Count);
        Assert.Equal("temperature", result.Teacher.LastCheckpoint!.Sidecar.Objective!.Name);
        Assert.Equal(20, result.Teacher.LastCheckpoint.Sidecar.Objective.Settings["Temperature"]!.GetValue<double>());
        Assert.Equal("distillation", result.Training.LastCheckpoint!.Sidecar.Objective!.Name);
        Assert.StartsWith("tiny sha256:", result.Training.LastCheckpoint.Sidecar.Objective.Settings["Teacher"]!.GetValue<string>());

        using var teacher = CheckpointModels.Load(Path.Combine(folder, DefenseTraining.TeacherFolderName), Registry);
        using var deployed = CheckpointModels.Load(folder, Registry); // the plain model, used at T = 1
        using var noGrad = no_grad();
        using var teacherLabels = teacher.call(data.Train.Images).argmax(1);
        using var studentLabels = deployed.call(data.Train.Images).argmax(1);
        double agreement = teacherLabels.eq(studentLabels).to(float64).mean().item<double>();
        Assert.True(agreement >= 0.95, $"student and teacher agree on {agreement:P1} of the training pixels");
        Assert.True(result.Training.History[^1].ValidationDice > 0.8, $"student validation DIC {result.Training.History[^1].ValidationDice}");
    }

    [Fact]
    public void The_facade_refuses_to_overwrite_a_run_and_needs_a_checkpoint_to_resume()
    {
        manual_seed(9);
        using var model = new TinySegmenter(TinySegmenter.Config1());
        var request = new TrainingRunRequest(folder, TrainerTests.Fast(1));
        var sat = new SatOptions { Iterations = 1 };
        var e = Assert.Throws<ArgumentException>(() => Facade().Sat(request with { Resume = true }, sat, model, data, CPU));
        Assert.Contains("nothing to resume", e.Message);

        var first = Facade().Sat(request, sat, model, data, CPU);
        Assert.Null(first.ResumedAfterEpochs);
        e = Assert.Throws<ArgumentException>(() => Facade().Sat(request, sat, model, data, CPU));
        Assert.Contains("already holds a checkpoint of 'tiny' after epoch 1", e.Message);
        var again = Facade().Sat(request with { Resume = true }, sat, model, data, CPU);
        Assert.Equal(1, again.ResumedAfterEpochs);

        e = Assert.Throws<ArgumentException>(() => Facade().Amat(request with { Resume = true }, new AmatOptions(), model, data, CPU));
        Assert.Contains("objective: amat vs sat", e.Message);
    }

    [Fact]
    public void A_distillation_interrupted_while_training_its_teacher_resumes_there_and_then_trains_the_student()
    {
        var request = new TrainingRunRequest(folder, TrainerTests.Fast(2));
        manual_seed(12);
        using var student = new TinySegmenter(TinySegmenter.Config1());
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Facade().Distill(request, new DistillationOptions(), student, data, CPU, progress: CancelAfterEpoch(0, out var stop), cancellation: stop.Token));
        Assert.Equal(1, new CheckpointStore(Path.Combine(folder, DefenseTraining.TeacherFolderName)).TryOpen()!.Sidecar.EpochsCompleted);
        Assert.Null(new CheckpointStore(folder).TryOpen());

        var resumed = Facade().Distill(request with { Resume = true }, new DistillationOptions(), student, data, CPU);
        Assert.Equal(2, resumed.Teacher!.History.Count);
        Assert.Null(resumed.ResumedAfterEpochs); // the student started fresh after the teacher finished
        Assert.Equal(2, resumed.Training.History.Count);
    }

    private static DefenseTraining Facade() => new(LossFactory.Paper, Registry);

    private static SynchronousProgress<TrainingProgress> CancelAfterEpoch(int epoch, out CancellationTokenSource stop)
    {
        var source = new CancellationTokenSource();
        stop = source;
        return new SynchronousProgress<TrainingProgress>(r =>
        {
            if (r.Phase == TrainingPhase.Epoch && r.Epoch == epoch)
                source.Cancel();
        });
    }

    private static ITrainingObjective Objective(string kind, SegmentationModel teacher) => kind switch
    {
        "sat" => new SatObjective(new SatOptions { Iterations = 3 }),
        "sat-mixed-l2" => new SatObjective(SatOptions.ForL2(64) with { Iterations = 3, Loss = SatLoss.Mixed }),
        "amat" => new AmatObjective(new AmatOptions { Delta = 2, Iterations = 3 }),
        "amat-l2" => new AmatObjective(new AmatOptions { Norm = Nlce.Attacks.PerturbationNorm.L2, Delta = 32, MaxMargin = 256, Iterations = 3 }),
        "temperature" => new TemperatureObjective(10),
        "distillation" => new DistillationObjective(teacher, new DistillationOptions { HardLabelWeight = 0.25 }, "test teacher"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
