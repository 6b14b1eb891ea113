using Nlce.Attacks;
using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation.Sweep;

public sealed class SweepOptionsTests
{
    [Fact]
    public void The_defaults_are_the_papers_protocol()
    {
        var options = new SweepOptions().Validate();
        Assert.Equal(["targeted-ifgsm"], options.Attacks);
        Assert.Equal(TargetedIfgsm.PaperEpsilons, options.Epsilons);
        Assert.True(options.IncludeClean);
        Assert.Equal(("none", 0), (options.Defense, options.Seed));
    }

    public static TheoryData<string, SweepOptions> Bad => new()
    {
        { "Attacks", new SweepOptions { Attacks = [], IncludeClean = false } },
        { "Epsilons", new SweepOptions { Epsilons = [] } },
        { "Epsilons", new SweepOptions { Epsilons = [2, 0] } },
        { "Epsilons", new SweepOptions { Epsilons = [double.NaN] } },
        { "Epsilons", new SweepOptions { Epsilons = [double.PositiveInfinity] } },
        { "Epsilons", new SweepOptions { Epsilons = [4, 2, 4] } },
        { "Attacks", new SweepOptions { Attacks = ["fgsm", " FGSM"] } },
        { "Attacks", new SweepOptions { Attacks = ["fgsm", " "] } },
        { "BatchSize", new SweepOptions { BatchSize = 0 } },
        { "Defense", new SweepOptions { Defense = "" } },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_options_name_the_field(string field, SweepOptions options)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => options.Validate());
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Clean_scores_alone_need_no_epsilon()
    {
        Assert.NotNull(new SweepOptions { Attacks = [], Epsilons = [] }.Validate());
    }
}
