using Nlce.Attacks;
using Nlce.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>What an attack must leave as it found it: the model's train/eval flags, its weights and buffers, its parameters'
/// gradients, and the number of live tensors.</summary>
public sealed class AttackHygieneTests
{
    [Theory]
    [MemberData(nameof(AttackCatalog.Names), MemberType = typeof(AttackCatalog))]
    public void An_attack_leaves_modes_weights_and_gradients_as_it_found_them(string name)
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(21);
        model.train();
        var batchNorm = model.named_modules().Single(m => m.name == "bn1").module;
        batchNorm.eval(); // a mixed tree: training model, frozen batch norm
        var modesBefore = Modes(model);
        var weightsBefore = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var (images, labels) = AttackCatalog.RandomInputs(21, 2);

        using var result = AttackCatalog.Create(name).Perturb(model, AttackCatalog.Batch(name, images, labels, [4, 4]));

        Assert.Equal(modesBefore, Modes(model));
        foreach (var (key, value) in model.state_dict())
            Assert.True(TensorsEqual.Exactly(value, weightsBefore[key]), $"'{key}' changed");
        Assert.All(model.parameters(), parameter => Assert.Null(parameter.grad));
        Assert.False(images.requires_grad, "the caller's images were marked as requiring grad");
    }

    [Fact]
    public void Existing_parameter_gradients_are_left_untouched()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(22);
        var (images, labels) = AttackCatalog.RandomInputs(22, 2);
        nn.functional.cross_entropy(model.call(images), labels).backward(); // mid-training state: gradients present
        var gradientsBefore = model.parameters().Select(p => p.grad!.clone()).ToArray();

        using var result = new Pgd().Perturb(model, AttackBatch.WithEpsilon(images, labels, 8));

        var gradientsAfter = model.parameters().Select(p => p.grad!).ToArray();
        for (int i = 0; i < gradientsBefore.Length; i++)
            Assert.True(TensorsEqual.Exactly(gradientsAfter[i], gradientsBefore[i]), $"gradient {i} changed");
    }

    [Fact]
    public void The_model_runs_in_eval_mode_during_the_attack()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(23);
        model.train();
        var (images, labels) = AttackCatalog.RandomInputs(23, 2);
        int modules = Modes(model).Count;
        var flagsSeen = new List<bool>();
        // The transform runs right before every forward pass of the model.
        var probe = new Eot(new Ifgsm(), x =>
        {
            flagsSeen.AddRange(Modes(model).Values);
            return x.clone();
        }, new EotOptions { Samples = 1 });

        using var result = probe.Perturb(model, AttackBatch.WithEpsilon(images, labels, 4));

        Assert.Equal(5 * modules, flagsSeen.Count); // 5 iterations at ε = 4
        Assert.All(flagsSeen, Assert.False);
        Assert.True(model.training);
    }

    [Fact]
    public void Two_hundred_pgd_iterations_keep_the_number_of_live_tensors_flat()
    {
        using var model = TinySegmenter.Create(24);
        var (images, labels) = AttackCatalog.RandomInputs(24, 2);
        using var imagesOwner = images;
        using var labelsOwner = labels;
        var batch = AttackBatch.WithEpsilon(images, labels, 8);
        var pgd = new Pgd(new PgdOptions { Iterations = IterationSchedule.Fixed(200) });
        var statistics = DisposeScopeManager.Statistics;
        var liveAtIteration = new long[201];
        var progress = new InlineProgress(p => liveAtIteration[p.Iteration] = statistics.ThreadTotalLiveCount);
        long liveBefore = statistics.ThreadTotalLiveCount;

        var result = pgd.Perturb(model, batch, progress);

        long liveAfter = statistics.ThreadTotalLiveCount;
        result.Dispose();
        Assert.All(liveAtIteration[2..], live => Assert.Equal(liveAtIteration[1], live));
        Assert.Equal(liveBefore + 1, liveAfter); // the adversarial images, and nothing else
        Assert.Equal(liveBefore, statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Progress_is_reported_once_per_iteration_and_restart()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(25);
        var (images, labels) = AttackCatalog.RandomInputs(25, 2);
        var reports = new List<AttackProgress>();
        var pgd = new Pgd(new PgdOptions { Iterations = IterationSchedule.Fixed(3), Restarts = 2 });

        using var result = pgd.Perturb(model, AttackBatch.WithEpsilon(images, labels, 4), new InlineProgress(reports.Add));

        Assert.Equal(
            [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)],
            reports.Select(r => (r.Restart, r.Iteration)));
        Assert.All(reports, r => Assert.Equal(("PGD-L∞", 2, 3), (r.Attack, r.Restarts, r.Iterations)));
        Assert.Equal([6, 6], result.Iterations);
    }

    [Fact]
    public void An_attack_works_when_the_caller_has_disabled_gradients()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(26);
        var (images, labels) = AttackCatalog.RandomInputs(26, 2);
        using var noGrad = no_grad();

        using var result = new Ifgsm().Perturb(model, AttackBatch.WithEpsilon(images, labels, 4));

        Assert.All(result.LinfNorms, norm => Assert.True(norm > 0));
        Assert.False(is_grad_enabled());
    }

    private static Dictionary<string, bool> Modes(SegmentationModel model) =>
        model.named_modules().Select(m => (m.name, m.module.training)).Prepend(("", model.training))
            .DistinctBy(m => m.Item1).ToDictionary(m => m.Item1, m => m.Item2);

    /// <summary>Reports synchronously on the attack's thread (System.Progress would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<AttackProgress> report) : IProgress<AttackProgress>
    {
        public void Report(AttackProgress value) => report(value);
    }
}
