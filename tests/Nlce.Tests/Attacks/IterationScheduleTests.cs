using Nlce.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>The NLCEN paper's ε list and iteration rule (Adversarial Attacks section), and SegPGD's λ schedule.</summary>
public sealed class IterationScheduleTests
{
    /// <summary>min(ε + 4, ⌈1.25ε⌉) for every ε of the paper's list, computed by hand.</summary>
    public static TheoryData<double, int> PaperSchedule => new()
    {
        { 0.5, 1 }, { 1, 2 }, { 2, 3 }, { 4, 5 }, { 6, 8 }, { 8, 10 }, { 10, 13 }, { 12, 15 }, { 14, 18 },
        { 16, 20 }, { 18, 22 }, { 20, 24 }, { 22, 26 }, { 24, 28 }, { 26, 30 }, { 28, 32 }, { 30, 34 }, { 32, 36 },
    };

    [Fact]
    public void The_paper_lists_eighteen_intensities_from_half_a_level_to_thirty_two()
    {
        double[] paper = [0.5, 1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32];
        Assert.Equal(paper, TargetedIfgsm.PaperEpsilons);
        Assert.Equal(PaperSchedule.Select(row => (double)row[0]), TargetedIfgsm.PaperEpsilons);
    }

    [Theory]
    [MemberData(nameof(PaperSchedule))]
    public void The_kurakin_schedule_matches_the_paper(double epsilon, int iterations) =>
        Assert.Equal(iterations, TargetedIfgsm.Schedule.For(epsilon));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.1, 1)] // any positive ε takes at least one step
    [InlineData(0.8, 1)] // 1.25 · 0.8 is 1.0000000000000002 in binary floating point, still one iteration
    [InlineData(16.5, 21)] // ⌈min(20.5, 20.625)⌉: rounds up where the paper's expression is not an integer
    [InlineData(100, 104)]
    public void The_kurakin_schedule_between_and_beyond_the_paper_values(double epsilon, int iterations) =>
        Assert.Equal(iterations, IterationSchedule.Kurakin.For(epsilon));

    [Fact]
    public void Targeted_ifgsm_runs_the_schedule_for_every_paper_epsilon_in_one_batch()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(31);
        var epsilons = TargetedIfgsm.PaperEpsilons.ToArray();
        var (images, labels) = AttackCatalog.RandomInputs(31, epsilons.Length, size: 8);

        using var result = new TargetedIfgsm().Perturb(model, new AttackBatch(images, labels, epsilons));

        Assert.Equal(PaperSchedule.Select(row => (int)row[1]), result.Iterations);
        for (int i = 0; i < epsilons.Length; i++)
            Assert.True(result.LinfNorms[i] <= epsilons[i] + 1e-4, $"ε = {epsilons[i]}: ‖δ‖∞ = {result.LinfNorms[i]}");
    }

    [Theory]
    [InlineData(0, 10, 0.0)]
    [InlineData(1, 10, 0.05)]
    [InlineData(9, 10, 0.45)] // (t − 1)/(2T) at the last of T = 10 iterations, t = 10
    [InlineData(0, 0, 0.0)]
    public void Segpgd_lambda_grows_from_zero_towards_one_half(int iteration, int budget, double lambda) =>
        Assert.Equal(lambda, SegPgd.Lambda(iteration, budget), 12);

    [Fact]
    public void A_fixed_schedule_ignores_epsilon()
    {
        var schedule = IterationSchedule.Fixed(7);
        Assert.Equal(7, schedule.For(0));
        Assert.Equal(7, schedule.For(double.PositiveInfinity));
    }
}
