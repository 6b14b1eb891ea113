using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Workbench;

namespace Nlce.Tests.Workbench;

public sealed class RobustnessOrderingTests
{
    private static ResultSummary Row(string model, double epsilon, double dice) =>
        new(model, epsilon == 0 ? ResultKey.CleanAttack : "targeted-ifgsm", epsilon, ResultKey.NoDefense, 12, dice, dice / 2);

    private static IEnumerable<ResultSummary> Curves(double nlcenAt8) =>
    [
        Row("nlcen", 0, 0.90), Row("nlcen", 4, 0.88), Row("nlcen", 8, nlcenAt8),
        Row("unet", 0, 0.92), Row("unet", 4, 0.70), Row("unet", 8, 0.60),
        Row("cdnn", 0, 0.85), Row("cdnn", 4, 0.80), Row("cdnn", 8, 0.75),
    ];

    [Fact]
    public void The_reference_first_at_every_attacked_epsilon_matches_the_paper_even_when_not_first_clean()
    {
        var ordering = RobustnessOrdering.Of(Curves(0.85), "nlcen", ScoreMetric.Dice);
        Assert.True(ordering.MatchesPaper);
        Assert.Equal(["nlcen", "cdnn", "unet"], ordering.Overall);
        Assert.Equal("unet", ordering.ByEpsilon[0].Best);
        Assert.Contains("as in the paper", ordering.Describe());
        Assert.Contains("nlcen ranks 2 of 3", ordering.Describe());
    }

    [Fact]
    public void An_epsilon_where_another_model_wins_is_named_with_both_scores()
    {
        var ordering = RobustnessOrdering.Of(Curves(0.70), "nlcen", ScoreMetric.Dice);
        Assert.False(ordering.MatchesPaper);
        var beaten = Assert.Single(ordering.ReferenceBeaten);
        Assert.Equal(8, beaten.Epsilon);
        Assert.Equal("cdnn", beaten.Best);
        Assert.Contains("NOT first at ε = 8 (cdnn 0.750 vs nlcen 0.700, rank 2 of 3)", ordering.Describe());
        Assert.True(ordering.IsAbove("nlcen", "unet"));
        Assert.Equal((0.88 + 0.70) / 2, ordering.MeanAttacked("nlcen"), 12);
    }

    [Fact]
    public void Jaccard_ranks_on_the_jaccard_means()
    {
        var ordering = RobustnessOrdering.Of(Curves(0.85), "nlcen", ScoreMetric.Jaccard);
        Assert.Equal((0.88 + 0.85) / 4, ordering.MeanAttacked("nlcen"), 12);
        Assert.Contains("JSC", ordering.Describe());
    }

    [Fact]
    public void Bad_curves_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RobustnessOrdering.Of(Curves(0.8), "nlcen-r50", ScoreMetric.Dice));
        Assert.Throws<ArgumentException>(() => RobustnessOrdering.Of([Row("nlcen", 0, 0.9), Row("unet", 0, 0.8)], "nlcen", ScoreMetric.Dice));
        var uneven = Assert.Throws<ArgumentException>(() => RobustnessOrdering.Of([Row("nlcen", 0, 0.9), Row("nlcen", 4, 0.9), Row("unet", 0, 0.8)], "nlcen", ScoreMetric.Dice));
        Assert.Contains("'unet'", uneven.Message);
        var ordering = RobustnessOrdering.Of(Curves(0.8), "nlcen", ScoreMetric.Dice);
        Assert.Throws<ArgumentException>(() => ordering.MeanAttacked("slsdeep"));
    }
}
