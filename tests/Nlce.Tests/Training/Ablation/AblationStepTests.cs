using Nlce.Training.Ablation;

namespace Nlce.Tests.Training.Ablation;

public sealed class AblationStepTests
{
    [Fact]
    public void The_steps_follow_the_papers_three_phases_each_after_the_step_it_starts_from()
    {
        var steps = AblationStep.All;
        Assert.Equal(["1-without-nlce", "2-without-nl", "2-without-ce", "2-nlcen", "3-fine-tuned-nlcen"], steps.Select(s => s.Name));
        Assert.Equal([1, 2, 2, 2, 3], steps.Select(s => (int)s.Phase));
        Assert.Equal([false, true, true, true, false], steps.Select(s => s.FreezesSharedLayers));
        Assert.Equal([null, "1-without-nlce", "1-without-nlce", "1-without-nlce", "2-nlcen"], steps.Select(s => s.StartsFrom?.Name));
        for (int i = 0; i < steps.Count; i++)
            if (steps[i].StartsFrom is { } source)
                Assert.True(steps.ToList().IndexOf(source) < i, $"{steps[i]} runs before {source}");
    }

    [Theory]
    [InlineData("2-without-ce", "2-without-ce")]
    [InlineData("W/O CE", "2-without-ce")]
    [InlineData(" fine-tuned NLCEN ", "3-fine-tuned-nlcen")]
    [InlineData("NLCEN", "2-nlcen")]
    public void Find_accepts_a_name_or_a_figure_label(string name, string expected) =>
        Assert.Equal(expected, AblationStep.Find(name).Name);

    [Fact]
    public void Find_refuses_an_unknown_name_suggesting_the_closest()
    {
        var error = Assert.Throws<ArgumentException>(() => AblationStep.Find("2-without-cf"));
        Assert.Contains("2-without-ce", error.Message);
        Assert.Contains("1-without-nlce (w/o NLCE)", error.Message);
    }
}
