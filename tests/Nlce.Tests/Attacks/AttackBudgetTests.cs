using Nlce.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>Properties every attack must keep, on random inputs and an untrained model: ‖δ‖ within each image's ε in the attack's
/// norm, x_adv in [0, 1], ε = 0 leaving the image unchanged, and reported sizes equal to the measured ones.</summary>
public sealed class AttackBudgetTests
{
    /// <summary>Float32 rounding of x + δ on the [0, 1] scale, in intensity units (a few ulps × 255).</summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<string, int> AttacksAndSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in AttackCatalog.AllNames)
            foreach (int seed in new[] { 1, 2 })
                data.Add(name, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(AttacksAndSeeds))]
    public void Perturbations_stay_within_each_images_budget_and_the_domain(string name, int seed)
    {
        using var scope = NewDisposeScope();
        var attack = AttackCatalog.Create(name);
        using var model = TinySegmenter.Create(seed);
        var (images, labels) = AttackCatalog.RandomInputs(seed, 4);
        // L2 budgets are lengths over all 256 pixels, so they are larger than per-pixel L∞ budgets.
        double[] epsilons = attack.Norm == PerturbationNorm.Linf ? [0, 0.5, 3, 8] : [0, 2, 40, 200];

        using var result = attack.Perturb(model, AttackCatalog.Batch(name, images, labels, epsilons));

        Assert.Equal(images.shape, result.Adversarial.shape);
        Assert.True(result.Adversarial.ge(0).all().item<bool>() && result.Adversarial.le(1).all().item<bool>(), "x_adv left [0, 1]");
        var measured = PerturbationBall.Measure(result.Adversarial, images);
        var size = attack.Norm == PerturbationNorm.Linf ? measured.Linf : measured.L2;
        for (int i = 0; i < epsilons.Length; i++)
            Assert.True(size[i] <= epsilons[i] + Tolerance, $"image {i}: ‖δ‖ = {size[i]} > ε = {epsilons[i]}");
        Assert.True(TensorsEqual.Exactly(result.Adversarial[0], images[0]), "the image with ε = 0 changed");
        Assert.True(size[3] > 0, "the image with the largest ε did not move at all");
        Assert.Equal(measured.Linf, result.LinfNorms);
        Assert.Equal(measured.L2, result.L2Norms);
        Assert.Equal(epsilons, result.Epsilons);
    }

    [Theory]
    [MemberData(nameof(AttackCatalog.Names), MemberType = typeof(AttackCatalog))]
    public void Epsilon_zero_returns_the_input_unchanged(string name)
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(5);
        var (images, labels) = AttackCatalog.RandomInputs(5, 3);

        using var result = AttackCatalog.Create(name).Perturb(model, AttackCatalog.Batch(name, images, labels, [0, 0, 0]));

        Assert.True(TensorsEqual.Exactly(result.Adversarial, images), "ε = 0 changed the images");
        Assert.All(result.LinfNorms, norm => Assert.Equal(0, norm));
    }

    [Fact]
    public void Images_whose_iteration_budget_is_spent_stop_moving()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(6);
        var (images, labels) = AttackCatalog.RandomInputs(6, 3);
        // α = 1 intensity unit per step: after n steps no pixel can have moved by more than n, whatever ε allows.
        var batch = new AttackBatch(images, labels, [8, 8, 8], iterationBudgets: [0, 1, 3]);

        using var result = new Ifgsm().Perturb(model, batch);

        Assert.Equal([0, 1, 3], result.Iterations);
        Assert.Equal(0, result.LinfNorms[0]);
        Assert.InRange(result.LinfNorms[1], 1 - Tolerance, 1 + Tolerance);
        Assert.InRange(result.LinfNorms[2], 2, 3 + Tolerance);
        // The same first step for everyone, then image 1 must stay exactly where that step left it.
        using var oneStep = new Ifgsm().Perturb(model, new AttackBatch(images, labels, [8, 8, 8], iterationBudgets: [1, 1, 1]));
        Assert.True(TensorsEqual.Exactly(oneStep.Adversarial[1], result.Adversarial[1]), "image 1 moved after its budget was spent");
    }

    [Fact]
    public void Unbounded_asma_reports_the_size_it_needed()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(8);
        var (images, labels) = AttackCatalog.RandomInputs(8, 2);
        var batch = AttackBatch.WithEpsilon(images, labels, double.PositiveInfinity, Asma.TargetsFromOtherImages(labels));

        using var result = new Asma(new AsmaOptions { Iterations = 5, Tau = 1e-2, Beta = 1e-1 }).Perturb(model, batch);

        var measured = PerturbationBall.Measure(result.Adversarial, images);
        Assert.Equal(measured.Linf, result.LinfNorms);
        Assert.Equal(measured.L2, result.L2Norms);
        Assert.All(result.L2Norms, norm => Assert.True(norm > 0, "ASMA did not move"));
        Assert.All(result.Epsilons, epsilon => Assert.True(double.IsPositiveInfinity(epsilon)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_random_starts_and_another_seed_other_ones()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(9);
        var (images, labels) = AttackCatalog.RandomInputs(9, 2);
        var batch = AttackBatch.WithEpsilon(images, labels, 6);
        var options = new PgdOptions { Iterations = IterationSchedule.Fixed(1), Seed = 4 };

        using var first = new Pgd(options).Perturb(model, batch);
        using var again = new Pgd(options).Perturb(model, batch);
        using var other = new Pgd(options with { Seed = 5 }).Perturb(model, batch);

        Assert.True(TensorsEqual.Exactly(first.Adversarial, again.Adversarial), "the same seed gave different results");
        Assert.False(TensorsEqual.Exactly(first.Adversarial, other.Adversarial), "different seeds gave the same result");
    }
}
