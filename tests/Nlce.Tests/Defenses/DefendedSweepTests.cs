using Nlce.Defenses;
using Nlce.Evaluation;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Tests.Attacks;
using Nlce.Tests.Evaluation.Sweep;
using static TorchSharp.torch;

namespace Nlce.Tests.Defenses;

/// <summary>
/// Defended evaluation in the robustness sweep on the attack tests' small trained network: every attacker mode writes rows under its
/// own defense key in one store, resumes, and refuses rows of other settings under the same key; BPDA through frequency refinement is
/// at least as strong as the attack that ignores it.
/// </summary>
public sealed class DefendedSweepTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    private static readonly SweepOptions TargetedAtEight = new() { Attacks = ["targeted-ifgsm"], Epsilons = [8], BatchSize = 8 };

    [Fact]
    public void Each_defense_mode_writes_rows_under_its_own_key_and_a_second_run_computes_nothing()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        using var twin = TinySegmenter.Create(seed: 4);
        var settings = new DefendedEvaluation?[]
        {
            null,
            new() { Transform = new FrequencyRefinement() },
            new() { Transform = new FrequencyRefinement(), Attacker = AttackerAwareness.Bpda },
            new() { Transform = new UniformNoiseDefense(seed: 1), Attacker = AttackerAwareness.Eot, EotSamples = 2 },
            new() { Surrogate = twin, SurrogateName = "twin" },
        };
        foreach (var defended in settings)
            new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = defended }).Run(store);

        var keys = store.Rows().GroupBy(row => row.Key.Defense).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(
            new Dictionary<string, int> { ["none"] = 16, ["fr"] = 16, ["fr+bpda"] = 16, ["noise+eot"] = 16, ["transfer:twin"] = 16 },
            keys);
        foreach (var defended in settings)
        {
            var again = new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = defended }).Run(store);
            Assert.Equal((0, 16), (again.Computed, again.AlreadyStored));
        }
        Assert.Equal(5 * 2, store.Runs().Count);
    }

    [Fact]
    public void Clean_rows_through_a_defense_score_the_defended_images_and_ignore_mode_attacks_the_bare_model()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        var fr = new FrequencyRefinement();
        new RobustnessSweep(Models(trained.Model), images, TargetedAtEight).Run(store);
        new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = new() { Transform = fr } }).Run(store);

        double[] expected;
        using (var noGrad = no_grad())
        using (var scope = NewDisposeScope())
            expected = SegmentationMetrics.FromLogits(trained.Model.call(fr.Apply(images.Images.to(float32))), images.Masks.to(int64)).Dice;
        var clean = store.Rows("tiny", ResultKey.CleanAttack, "fr").ToDictionary(row => row.Key.Image, row => row.Dice);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], clean[$"img-{i}"], 9);

        // Ignore mode crafts exactly the undefended run's adversarial images: the measured perturbations agree.
        var bare = store.Rows("tiny", "targeted-ifgsm", ResultKey.NoDefense).ToDictionary(row => row.Key.Image);
        foreach (var row in store.Rows("tiny", "targeted-ifgsm", "fr"))
            Assert.Equal(bare[row.Key.Image].PerturbationL2!.Value, row.PerturbationL2!.Value, 6);
    }

    [Fact]
    public void Bpda_through_frequency_refinement_is_at_least_as_strong_as_the_attack_that_ignores_it()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        foreach (var defended in new DefendedEvaluation?[]
        {
            null,
            new() { Transform = new FrequencyRefinement() },
            new() { Transform = new FrequencyRefinement(), Attacker = AttackerAwareness.Bpda },
        })
            new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = defended }).Run(store);

        double Mean(string defense) => store.Rows("tiny", "targeted-ifgsm", defense).Average(row => row.Dice);
        double ignored = Mean("fr"), bpda = Mean("fr+bpda");
        Assert.True(bpda <= ignored + 0.02, $"mean DIC at ε = 8: ignoring FR {ignored:F3}, BPDA through FR {bpda:F3}");
        Assert.Equal(8, store.Rows("tiny", "targeted-ifgsm", ResultKey.NoDefense).Count);
    }

    [Fact]
    public void A_store_refuses_other_defense_settings_under_the_same_key()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 2);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        using var twin = TinySegmenter.Create(seed: 4);
        using var otherTwin = TinySegmenter.Create(seed: 5);
        var eot = new DefendedEvaluation { Transform = new UniformNoiseDefense(seed: 1), Attacker = AttackerAwareness.Eot, EotSamples = 2 };
        new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = eot }).Run(store);
        new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = new() { Surrogate = twin, SurrogateName = "twin" } }).Run(store);
        int rows = store.Rows().Count;

        var draws = Assert.Throws<InvalidOperationException>(() =>
            new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = eot with { EotSamples = 3 } }).Run(store));
        Assert.Contains("defense.noise+eot", draws.Message);
        var weights = Assert.Throws<InvalidOperationException>(() =>
            new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = new() { Surrogate = otherTwin, SurrogateName = "twin" } }).Run(store));
        Assert.Contains("defense.transfer:twin", weights.Message);
        var plain = Assert.Throws<InvalidOperationException>(() =>
            new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defense = "transfer:twin" }).Run(store));
        Assert.Contains("a plain label", plain.Message);
        Assert.Equal(rows, store.Rows().Count);

        var fr = new RobustnessSweep(Models(trained.Model), images, TargetedAtEight with { Defended = new() { Transform = new FrequencyRefinement() } }).Config;
        var frBpda = new RobustnessSweep(Models(trained.Model), images,
            TargetedAtEight with { Defended = new() { Transform = new FrequencyRefinement(), Attacker = AttackerAwareness.Bpda } }).Config;
        Assert.NotEqual(fr.Hash(), frBpda.Hash());
        Assert.Equal("fr+bpda", SweepRunConfig.FromJson(frBpda.ToJson())!.DefenseSettings!.Key);
    }

    [Fact]
    public void A_surrogate_for_other_images_is_refused_before_computing()
    {
        using var images = SweepTestData.Images(trained, 2);
        using var rgb = TinySegmenter.Create(seed: 1, inputChannels: 3);
        var error = Assert.Throws<ArgumentException>(() => new RobustnessSweep(Models(trained.Model), images,
            TargetedAtEight with { Defended = new() { Surrogate = rgb, SurrogateName = "rgb" } }));
        Assert.Contains("transfer surrogate 'rgb' takes 3 channel(s)", error.Message);
    }

    private static Dictionary<string, SegmentationModel> Models(SegmentationModel model) => new() { ["tiny"] = model };
}
