using Nlce.Attacks;
using Nlce.Tests.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Evaluation.Sharding;

/// <summary>
/// The PGD family's random start is drawn per image from the image's own seed (<see cref="AttackBatch.ImageSeeds"/>), so an image's
/// adversarial example does not depend on the other images of its batch: the property that lets a sharded sweep reproduce the
/// unsharded one row for row.
/// </summary>
public sealed class PerImageRandomStartTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    private static readonly long[] Seeds = [101, 202, 303, 404, 505, 606];

    /// <summary>L2 steps divide by each image's gradient norm, a sum over its pixels whose float rounding depends on the batch's
    /// shape; the resulting pixel differences stay at float32 resolution. L∞ steps use only signs and must match bit for bit.</summary>
    private const double L2Rounding = 1e-5;

    public static TheoryData<string, Func<IAttack>, double> RandomStartAttacks => new()
    {
        { "PGD-L∞", () => new Pgd(new PgdOptions { Seed = 3 }), 0 },
        { "PGD-L2", () => new Pgd(new PgdOptions { Seed = 3, Norm = PerturbationNorm.L2, StepSize = StepSize.Intensity(32) }), L2Rounding },
        { "PGD, 3 restarts", () => new Pgd(new PgdOptions { Seed = 3, Restarts = 3, Iterations = IterationSchedule.Fixed(5) }), 0 },
        { "SegPGD", () => new SegPgd(new PgdOptions { Seed = 3 }), 0 },
        { "CosPGD", () => new CosPgd(new PgdOptions { Seed = 3 }), 0 },
    };

    [Theory]
    [MemberData(nameof(RandomStartAttacks))]
    public void An_image_gets_the_same_adversarial_example_alone_and_in_a_batch(string name, Func<IAttack> create, double tolerance)
    {
        using var scope = NewDisposeScope();
        var images = trained.Images[..6];
        var labels = trained.Labels[..6];
        double[] epsilons = [4, 8, 4, 8, 4, 8];
        using var together = create().Perturb(trained.Model, new AttackBatch(images, labels, epsilons, imageSeeds: Seeds));
        foreach (int i in new[] { 0, 3, 5 })
        {
            using var alone = create().Perturb(trained.Model,
                new AttackBatch(images[i..(i + 1)], labels[i..(i + 1)], [epsilons[i]], imageSeeds: [Seeds[i]]));
            double difference = (alone.Adversarial - together.Adversarial[i..(i + 1)]).abs().max().item<float>();
            Assert.True(difference <= tolerance, $"{name}: image {i} attacked alone differs by up to {difference} from the same image in a batch of 6");
        }
    }

    [Theory]
    [MemberData(nameof(RandomStartAttacks))]
    public void Another_image_seed_gives_another_start(string name, Func<IAttack> create, double tolerance)
    {
        using var scope = NewDisposeScope();
        var image = trained.Images[..1];
        var label = trained.Labels[..1];
        using var first = create().Perturb(trained.Model, new AttackBatch(image, label, [8], imageSeeds: [1]));
        using var second = create().Perturb(trained.Model, new AttackBatch(image, label, [8], imageSeeds: [2]));
        double difference = (first.Adversarial - second.Adversarial).abs().max().item<float>();
        Assert.True(difference > 5 * tolerance + 1e-6, $"{name}: image seeds 1 and 2 gave examples only {difference} apart");
    }

    [Fact]
    public void A_batch_without_seeds_seeds_each_image_by_its_position()
    {
        using var scope = NewDisposeScope();
        var batch = new AttackBatch(trained.Images[..3], trained.Labels[..3], [2, 2, 2]);
        Assert.Equal([0L, 1L, 2L], batch.ImageSeeds);
        var error = Assert.Throws<ArgumentException>(() => new AttackBatch(trained.Images[..3], trained.Labels[..3], [2, 2, 2], imageSeeds: [1, 2]));
        Assert.Equal("imageSeeds", error.ParamName);
        Assert.Contains("one seed per image (3); got 2", error.Message);
    }
}
