using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Tests.Attacks;

namespace Nlce.Tests.Evaluation.Sweep;

/// <summary>
/// The sweep engine on the attack tests' small trained network (8 held-out 32×32 images): batching across ε, resumption after a
/// cancellation, out-of-memory halving, the run table, and refusal to mix inputs in one store.
/// </summary>
public sealed class RobustnessSweepTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    /// <summary>Per-image DIC/JSC agreement between runs that batch differently. sign(∇) is discontinuous: another batch
    /// composition changes float reductions and may flip a near-zero gradient component, moving a few pixels; 0.02 DIC is about
    /// four pixels of a 10×10 square.</summary>
    private const double BatchingTolerance = 0.02;

    /// <summary>Float32 images: a perturbation of exactly ε/255 measures ε up to about 255 · 2⁻²⁴ ≈ 2e-5 intensity units.</summary>
    private const double RoundingTolerance = 1e-4;

    private static readonly SweepOptions TwoEpsilons = new() { Attacks = ["targeted-ifgsm"], Epsilons = [2, 8], BatchSize = 16 };

    [Fact]
    public void Batched_multi_epsilon_rows_agree_with_one_image_and_one_epsilon_at_a_time()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained);
        var model = new InstrumentedModel(trained.Model);
        using var batched = ResultsStore.Open(folder.File("batched.sqlite"));
        using var single = ResultsStore.Open(folder.File("single.sqlite"));

        new RobustnessSweep(Models(model), images, TwoEpsilons).Run(batched);
        Assert.Contains(16L, model.ScoredBatches);  // the 16 attacked items (8 images × 2 ε) went through one batch
        new RobustnessSweep(Models(model), images, TwoEpsilons with { BatchSize = 1 }).Run(single);

        var one = SweepTestData.ByKey(single);
        var rows = batched.Rows();
        Assert.Equal(8 * 3, rows.Count);
        Assert.Equal(one.Keys.Order(KeyOrder.Instance), rows.Select(r => r.Key).Order(KeyOrder.Instance));
        foreach (var row in rows)
        {
            Assert.True(Math.Abs(row.Dice - one[row.Key].Dice) <= BatchingTolerance, $"{row.Key}: batched DIC {row.Dice:F4}, alone {one[row.Key].Dice:F4}");
            Assert.True(Math.Abs(row.Jaccard - one[row.Key].Jaccard) <= BatchingTolerance, $"{row.Key}: batched JSC {row.Jaccard:F4}, alone {one[row.Key].Jaccard:F4}");
            Assert.True(row.PerturbationLinf <= row.Key.Epsilon + RoundingTolerance, $"{row.Key}: ‖δ‖∞ = {row.PerturbationLinf}");
        }
        var clean = rows.Where(r => r.Key.Attack == ResultKey.CleanAttack).ToArray();
        Assert.Equal(8, clean.Length);
        Assert.All(clean, r => Assert.Equal((0.0, 0.0, 0.0), (r.Key.Epsilon, r.PerturbationLinf!.Value, r.PerturbationL2!.Value)));
    }

    [Fact]
    public void The_paper_attack_lowers_dice_and_harder_with_larger_epsilon()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        new RobustnessSweep(Models(trained.Model), images, TwoEpsilons).Run(store);

        var means = store.MeansByModelAndEpsilon().ToDictionary(s => (s.Attack, s.Epsilon), s => s.MeanDice);
        double clean = means[(ResultKey.CleanAttack, 0)], weak = means[("targeted-ifgsm", 2)], strong = means[("targeted-ifgsm", 8)];
        Assert.True(clean >= 0.9, $"clean DIC {clean:F3}");
        Assert.True(strong <= clean - 0.3, $"clean DIC {clean:F3}, ε = 8: {strong:F3}");
        Assert.True(strong < weak, $"ε = 2: {weak:F3}, ε = 8: {strong:F3}");
    }

    [Fact]
    public void A_sweep_cancelled_mid_attack_resumes_computing_only_the_missing_keys()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained);
        var options = TwoEpsilons with { BatchSize = 4 };
        using var uninterrupted = ResultsStore.Open(folder.File("whole.sqlite"));
        new RobustnessSweep(Models(trained.Model), images, options).Run(uninterrupted);

        using var store = ResultsStore.Open(folder.File("resumed.sqlite"));
        using var cancellation = new CancellationTokenSource();
        // Clean scoring takes 2 calls, the first attack batch (ε = 2, 3 iterations) 3 + 1: call 9 is inside the second attack batch.
        var interrupted = new InstrumentedModel(trained.Model) { BeforeCall = (9, cancellation.Cancel) };
        var reports = new List<SweepProgress>();
        Assert.ThrowsAny<OperationCanceledException>(() => new RobustnessSweep(Models(interrupted), images, options)
            .Run(store, new CallbackProgress<SweepProgress>(reports.Add), cancellation.Token));
        int stored = store.Rows().Count;
        Assert.Equal(12, stored);  // 8 clean + the first attack batch of 4; the batch in flight is lost, nothing else
        Assert.Equal(stored, reports[^1].Done);
        Assert.Null(Assert.Single(store.Runs()).FinishedUtc);

        var resumed = new InstrumentedModel(trained.Model);
        var sweep = new RobustnessSweep(Models(resumed), images, options);
        int missing = store.Missing(sweep.PlannedKeys()).Count;
        var report = sweep.Run(store);

        Assert.Equal((24, 24 - missing, missing, missing), (report.Planned, report.AlreadyStored, report.Computed, resumed.ScoredImages));
        Assert.Equal(12, missing);
        var whole = SweepTestData.ByKey(uninterrupted);
        var rows = store.Rows();
        Assert.Equal(whole.Count, rows.Count);
        Assert.Equal(whole.Keys.Order(KeyOrder.Instance), rows.Select(r => r.Key).Order(KeyOrder.Instance));
        foreach (var row in rows)
            Assert.True(Math.Abs(row.Dice - whole[row.Key].Dice) <= BatchingTolerance, $"{row.Key}: resumed {row.Dice:F4}, uninterrupted {whole[row.Key].Dice:F4}");

        var again = new InstrumentedModel(trained.Model);
        var nothing = new RobustnessSweep(Models(again), images, options).Run(store);
        Assert.Equal((0, 24, 0), (nothing.Computed, nothing.AlreadyStored, again.Calls));
        Assert.All(store.Runs().Skip(1), run => Assert.NotNull(run.FinishedUtc));
    }

    [Fact]
    public void Out_of_memory_halves_the_batch_and_the_results_equal_the_unhalved_run()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained);
        using var roomy = ResultsStore.Open(folder.File("roomy.sqlite"));
        using var tight = ResultsStore.Open(folder.File("tight.sqlite"));
        new RobustnessSweep(Models(trained.Model), images, TwoEpsilons).Run(roomy);

        // The simulated GPU takes at most 3 images per forward pass: the clean batch (all 8 images) goes 8 → 4 → 2, and the
        // attack keeps batches of 2 instead of the 16 it would start with.
        var limited = new InstrumentedModel(trained.Model) { MaxBatch = 3 };
        var sizes = new List<int>();
        var report = new RobustnessSweep(Models(limited), images, TwoEpsilons)
            .Run(tight, new CallbackProgress<SweepProgress>(p => sizes.Add(p.BatchSize)));

        Assert.Equal(2, report.OutOfMemoryRetries);
        Assert.Equal([8L, 4L], limited.RefusedBatches);
        Assert.Equal(2, sizes[^1]);
        Assert.All(limited.ScoredBatches, size => Assert.True(size <= 2));
        var unhalved = SweepTestData.ByKey(roomy);
        var rows = tight.Rows();
        Assert.Equal(unhalved.Count, rows.Count);
        foreach (var row in rows)
            Assert.True(Math.Abs(row.Dice - unhalved[row.Key].Dice) <= BatchingTolerance, $"{row.Key}: halved {row.Dice:F4}, unhalved {unhalved[row.Key].Dice:F4}");
    }

    [Fact]
    public void A_long_sweep_keeps_the_number_of_live_tensors_flat()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 4);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        var statistics = TorchSharp.DisposeScopeManager.Statistics;
        long before = statistics.ThreadTotalLiveCount;
        var live = new List<long>();
        new RobustnessSweep(Models(trained.Model), images, TwoEpsilons with { BatchSize = 1 })
            .Run(store, new CallbackProgress<SweepProgress>(_ => live.Add(statistics.ThreadTotalLiveCount)));

        Assert.Equal(12, live.Count);  // one report per stored batch of one image
        Assert.All(live, count => Assert.Equal(before, count));
        Assert.Equal(before, statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Out_of_memory_on_a_single_image_fails_the_run()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 2);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        var broken = new InstrumentedModel(trained.Model) { MaxBatch = 0 };
        var error = Assert.Throws<InvalidOperationException>(() => new RobustnessSweep(Models(broken), images, TwoEpsilons).Run(store));
        Assert.Contains("out of memory", error.Message);
        Assert.Empty(store.Rows());
    }

    [Fact]
    public void Targets_from_the_next_image_do_not_depend_on_the_batch()
    {
        // A short ASMA, targeted at the next image's mask of the whole set: alone in its batch an image must get the same target.
        var registry = AttackRegistry.Default.With(new AttackEntry("asma-short", "ASMA, 3 iterations", TargetRule.NextImageMask,
            _ => new Nlce.Attacks.Asma(new Nlce.Attacks.AsmaOptions { Iterations = 3, Tau = 1e-2, Beta = 1e-1 })));
        var options = new SweepOptions { Attacks = ["asma-short", "ti-fgsm"], Epsilons = [8], IncludeClean = false, BatchSize = 8 };
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 4);
        using var together = ResultsStore.Open(folder.File("together.sqlite"));
        using var alone = ResultsStore.Open(folder.File("alone.sqlite"));
        new RobustnessSweep(Models(trained.Model), images, options, registry: registry).Run(together);
        new RobustnessSweep(Models(trained.Model), images, options with { BatchSize = 1 }, registry: registry).Run(alone);

        var single = SweepTestData.ByKey(alone);
        var rows = together.Rows();
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            Assert.True(Math.Abs(row.Dice - single[row.Key].Dice) <= BatchingTolerance, $"{row.Key}: batched {row.Dice:F4}, alone {single[row.Key].Dice:F4}");
            Assert.True(row.PerturbationLinf <= 8 + RoundingTolerance, $"{row.Key}: ‖δ‖∞ = {row.PerturbationLinf}");
        }
    }

    [Fact]
    public void Each_run_records_its_configuration_device_backend_and_stage_timings()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 2);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        var sweep = new RobustnessSweep(Models(trained.Model), images, TwoEpsilons, imagesDescription: "squares test");
        var report = sweep.Run(store);

        var run = Assert.Single(store.Runs());
        Assert.Equal(report.RunId, run.RunId);
        Assert.NotNull(run.FinishedUtc);
        Assert.Equal(("cpu", "cpu"), (run.Info.Device, run.Info.Backend));
        Assert.False(string.IsNullOrWhiteSpace(run.Info.LibraryVersion));
        Assert.Equal(sweep.Config.Hash(), run.Info.ConfigHash);
        var config = SweepRunConfig.FromJson(run.Info.ConfigJson)!;
        Assert.Equal(sweep.Config.Hash(), config.Hash());
        Assert.Equal("squares test", config.Images.Description);
        Assert.Equal(["tiny"], config.Models.Select(m => m.Name));
        Assert.Equal(["targeted-ifgsm"], config.Attacks.Select(a => a.Name));
        Assert.Equal([2.0, 8.0], config.Epsilons);
        foreach (var stage in new[] { "fingerprint", "plan", "clean", "attack:targeted-ifgsm", "write", "total" })
            Assert.True(run.Timings.TryGetValue(stage, out double seconds) && seconds >= 0, $"stage {stage}: {string.Join(", ", run.Timings.Keys)}");
        Assert.Equal((6, 0, 6), (report.Planned, report.AlreadyStored, report.Computed));

        // Batch size does not affect results: the same hash. The ε list does.
        Assert.Equal(sweep.Config.Hash(), new RobustnessSweep(Models(trained.Model), images, TwoEpsilons with { BatchSize = 3 }).Config.Hash());
        Assert.NotEqual(sweep.Config.Hash(), new RobustnessSweep(Models(trained.Model), images, TwoEpsilons with { Epsilons = [2] }).Config.Hash());
    }

    [Fact]
    public void A_store_refuses_rows_from_other_weights_or_images_under_the_same_names_but_takes_new_models_and_epsilons()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 2);
        using var otherImages = SweepTestData.Images(trained, 3);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        new RobustnessSweep(Models(trained.Model), images, TwoEpsilons).Run(store);

        using var untrained = TinySegmenter.Create(seed: 99);
        var weights = Assert.Throws<InvalidOperationException>(() => new RobustnessSweep(Models(untrained), images, TwoEpsilons).Run(store));
        Assert.Contains("models.tiny", weights.Message);
        Assert.Contains(store.Path, weights.Message);
        var pixels = Assert.Throws<InvalidOperationException>(() => new RobustnessSweep(Models(trained.Model), otherImages, TwoEpsilons).Run(store));
        Assert.Contains("images", pixels.Message);
        Assert.Equal(6, store.Rows().Count);

        var more = new Dictionary<string, SegmentationModel> { ["tiny"] = trained.Model, ["untrained"] = untrained };
        var report = new RobustnessSweep(more, images, TwoEpsilons with { Epsilons = [2, 4] }).Run(store);
        Assert.Equal((12, 8, 4), (report.Planned, report.Computed, report.AlreadyStored));
    }

    public static TheoryData<string, string> BadSweeps => new()
    {
        { "no models", "models" },
        { "unknown attack", "Did you mean 'targeted-ifgsm'" },
        { "channel mismatch", "3 channel(s)" },
        { "repeated sample names", "img-0" },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public void Bad_sweeps_fail_before_computing(string problem, string expected)
    {
        using var images = SweepTestData.Images(trained, 2);
        using var rgb = TinySegmenter.Create(seed: 1, inputChannels: 3);
        var repeated = new Nlce.Data.Tensors.SegmentationTensorSet(images.Images, images.Masks,
            [new Nlce.Data.SampleRef("img-0", Nlce.Data.DatasetSplit.Test), new Nlce.Data.SampleRef("img-0", Nlce.Data.DatasetSplit.Test)]);
        Action build = problem switch
        {
            "no models" => () => _ = new RobustnessSweep(new Dictionary<string, SegmentationModel>(), images),
            "unknown attack" => () => _ = new RobustnessSweep(Models(trained.Model), images, TwoEpsilons with { Attacks = ["targeted-ifgs"] }),
            "channel mismatch" => () => _ = new RobustnessSweep(Models(rgb), images, TwoEpsilons),
            _ => () => _ = new RobustnessSweep(Models(trained.Model), repeated, TwoEpsilons),
        };
        var error = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Contains(expected, error.Message);
    }

    private static Dictionary<string, SegmentationModel> Models(SegmentationModel model) => new() { ["tiny"] = model };

    /// <summary>Orders keys by every field, for comparing key sets.</summary>
    private sealed class KeyOrder : IComparer<ResultKey>
    {
        public static KeyOrder Instance { get; } = new();

        public int Compare(ResultKey? x, ResultKey? y) =>
            string.CompareOrdinal($"{x!.Model}|{x.Attack}|{x.Epsilon:R}|{x.Defense}|{x.Seed}|{x.Image}", $"{y!.Model}|{y.Attack}|{y.Epsilon:R}|{y.Defense}|{y.Seed}|{y.Image}");
    }
}
