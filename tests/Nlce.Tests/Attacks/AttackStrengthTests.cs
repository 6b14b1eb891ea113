using Nlce.Attacks;
using Nlce.Evaluation;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>
/// Attacks on a small network trained in the fixture on bright squares: they must actually hurt it, compare as the
/// literature says, and give the same per-image results batched across ε as one ε at a time.
/// </summary>
public sealed class AttackStrengthTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    /// <summary>sign(∇) is discontinuous: a different batch composition changes float reductions and may flip the sign of a
    /// near-zero gradient component, moving a few pixels differently. 0.02 DIC is about 4 pixels of a 10×10 square.</summary>
    private const double BatchingTolerance = 0.02;

    /// <summary>How much weaker than I-FGSM an attack at the same budget may come out on eight images before the test fails.</summary>
    private const double StrengthTolerance = 0.02;

    [Fact]
    public void The_fixture_model_segments_the_clean_images_well() => Assert.True(trained.CleanDice >= 0.9, $"clean DIC {trained.CleanDice}");

    [Fact]
    public void Targeted_ifgsm_at_epsilon_8_lowers_mean_dice_by_a_clear_margin()
    {
        using var result = new TargetedIfgsm().Perturb(trained.Model, AttackBatch.WithEpsilon(trained.Images, trained.Labels, 8));

        double attacked = MeanDice(result.Adversarial);
        Assert.True(attacked <= trained.CleanDice - 0.3, $"clean DIC {trained.CleanDice:F3}, attacked {attacked:F3}");
        Assert.All(result.Iterations, n => Assert.Equal(10, n));
    }

    [Fact]
    public void Segpgd_and_cospgd_are_at_least_as_strong_as_ifgsm_at_the_same_budget()
    {
        // Same ε, α = 1, ⌈min(ε + 4, 1.25ε)⌉ = 10 iterations, no random start: only the loss differs.
        var budget = new PgdOptions { StepSize = StepSize.Intensity(1), Iterations = IterationSchedule.Kurakin, RandomStart = false };
        var batch = AttackBatch.WithEpsilon(trained.Images, trained.Labels, 8);

        double ifgsm = MeanDice(new Ifgsm(), batch);
        double segPgd = MeanDice(new SegPgd(budget), batch);
        double cosPgd = MeanDice(new CosPgd(budget), batch);

        Assert.True(ifgsm < trained.CleanDice - 0.2, $"I-FGSM barely hurt: {ifgsm:F3}");
        Assert.True(segPgd <= ifgsm + StrengthTolerance, $"SegPGD {segPgd:F3} vs I-FGSM {ifgsm:F3}");
        Assert.True(cosPgd <= ifgsm + StrengthTolerance, $"CosPGD {cosPgd:F3} vs I-FGSM {ifgsm:F3}");
    }

    [Fact]
    public void Batched_multi_epsilon_results_agree_with_one_epsilon_at_a_time()
    {
        double[] epsilonList = [2, 8, 16];
        int images = 4;
        using var scope = NewDisposeScope();
        var repeatedImages = trained.Images[..images].repeat(epsilonList.Length, 1, 1, 1);
        var repeatedLabels = trained.Labels[..images].repeat(epsilonList.Length, 1, 1);
        double[] epsilons = epsilonList.SelectMany(e => Enumerable.Repeat(e, images)).ToArray();

        using var batched = new TargetedIfgsm().Perturb(trained.Model, new AttackBatch(repeatedImages, repeatedLabels, epsilons));
        double[] batchedDice = Dice(batched.Adversarial, repeatedLabels);

        for (int i = 0; i < epsilons.Length; i++)
        {
            var image = repeatedImages[i..(i + 1)];
            var label = repeatedLabels[i..(i + 1)];
            using var single = new TargetedIfgsm().Perturb(trained.Model, AttackBatch.WithEpsilon(image, label, epsilons[i]));
            double singleDice = Dice(single.Adversarial, label)[0];
            Assert.True(Math.Abs(singleDice - batchedDice[i]) <= BatchingTolerance,
                $"image {i % images} at ε = {epsilons[i]}: batched DIC {batchedDice[i]:F4}, alone {singleDice:F4}");
            Assert.Equal(single.Iterations[0], batched.Iterations[i]);
        }
    }

    [Fact]
    public void Bpda_through_8_bit_rounding_is_at_least_as_strong_as_ignoring_or_differentiating_the_rounding()
    {
        var batch = AttackBatch.WithEpsilon(trained.Images, trained.Labels, 8);

        using var bpda = new Bpda(new TargetedIfgsm(), AttackCatalog.Quantise8Bit).Perturb(trained.Model, batch);
        using var oblivious = new TargetedIfgsm().Perturb(trained.Model, batch);
        using var masked = new Eot(new TargetedIfgsm(), AttackCatalog.Quantise8Bit, new EotOptions { Samples = 1 }).Perturb(trained.Model, batch);

        double bpdaDice = DefendedDice(bpda.Adversarial), obliviousDice = DefendedDice(oblivious.Adversarial);
        Assert.True(bpdaDice <= obliviousDice + StrengthTolerance, $"BPDA {bpdaDice:F3} vs transform-oblivious {obliviousDice:F3}");
        Assert.True(bpdaDice <= trained.CleanDice - 0.3, $"BPDA {bpdaDice:F3}, clean {trained.CleanDice:F3}");
        // Rounding's autograd gradient is zero: the naive attack through it cannot move (gradient masking).
        Assert.All(masked.LinfNorms, norm => Assert.Equal(0, norm));
        Assert.Equal(DefendedDice(trained.Images), DefendedDice(masked.Adversarial));
    }

    [Fact]
    public void Asma_drives_the_prediction_towards_another_images_mask()
    {
        using var scope = NewDisposeScope();
        var targets = Asma.TargetsFromOtherImages(trained.Labels);
        var asma = new Asma(new AsmaOptions { Iterations = 60, Tau = 1e-3, Beta = 1e-2 });

        using var result = asma.Perturb(trained.Model, AttackBatch.WithEpsilon(trained.Images, trained.Labels, double.PositiveInfinity, targets));

        double before = TargetIou(trained.Images, targets), after = TargetIou(result.Adversarial, targets);
        Assert.True(before < 0.3, $"clean predictions already match the targets: IoU {before:F3}");
        Assert.True(after >= 0.8, $"IoU with the targets {before:F3} → {after:F3}");
        Assert.All(result.LinfNorms, norm => Assert.True(norm > 0));
    }

    [Fact]
    public void Pgd_restarts_keep_each_images_worst_case()
    {
        var batch = AttackBatch.WithEpsilon(trained.Images, trained.Labels, 4);
        var oneRun = new PgdOptions { Iterations = IterationSchedule.Fixed(3), Seed = 17 };

        using var single = new Pgd(oneRun).Perturb(trained.Model, batch);
        using var restarted = new Pgd(oneRun with { Restarts = 3 }).Perturb(trained.Model, batch);

        // The first of the three runs is the single run (same seed), so no image can end up better off.
        double[] singleDice = Dice(single.Adversarial, trained.Labels), restartedDice = Dice(restarted.Adversarial, trained.Labels);
        for (int i = 0; i < singleDice.Length; i++)
            Assert.True(restartedDice[i] <= singleDice[i], $"image {i}: {restartedDice[i]:F4} after restarts > {singleDice[i]:F4}");
        Assert.All(restarted.Iterations, n => Assert.Equal(9, n));
    }

    [Fact]
    public void Eot_over_random_noise_still_hurts_the_model()
    {
        using var generator = new Generator(99, CPU);
        Tensor Noise(Tensor x) => (x + randn(x.shape, generator: generator) * (2 / 255.0)).clamp(0, 1);
        var batch = AttackBatch.WithEpsilon(trained.Images, trained.Labels, 8);

        using var result = new Eot(new TargetedIfgsm(), Noise, new EotOptions { Samples = 4 }).Perturb(trained.Model, batch);

        double attacked = MeanDice(result.Adversarial);
        Assert.True(attacked <= trained.CleanDice - 0.3, $"clean DIC {trained.CleanDice:F3}, EOT-attacked {attacked:F3}");
    }

    private double MeanDice(IAttack attack, AttackBatch batch)
    {
        using var result = attack.Perturb(trained.Model, batch);
        return MeanDice(result.Adversarial);
    }

    private double MeanDice(Tensor images) => Dice(images, trained.Labels).Average();

    private double[] Dice(Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return SegmentationMetrics.FromLogits(trained.Model.call(images), labels).Dice;
    }

    private double DefendedDice(Tensor images)
    {
        using var scope = NewDisposeScope();
        return MeanDice(AttackCatalog.Quantise8Bit(images));
    }

    private double TargetIou(Tensor images, Tensor targets)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return SegmentationMetrics.FromLogits(trained.Model.call(images), targets).MeanJaccard;
    }
}
