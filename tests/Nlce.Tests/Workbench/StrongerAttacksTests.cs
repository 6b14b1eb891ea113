using Nlce.Attacks;
using Nlce.Evaluation.Reproduction;
using Nlce.Workbench;

namespace Nlce.Tests.Workbench;

public sealed class StrongerAttacksTests
{
    [Theory]
    [InlineData("smoke", 20)]
    [InlineData("quick", 100)]
    [InlineData("paper", 2501)]
    public void Asma_iterations_follow_the_profile(string profile, int iterations)
    {
        Assert.Equal(iterations, StrongerAttacks.AsmaIterationsFor(ReproductionProfile.Parse(profile)));
    }

    [Fact]
    public void The_registry_adds_pgd_with_restarts_and_a_reduced_asma_under_names_that_say_so()
    {
        var registry = StrongerAttacks.Registry(pgdRestarts: 3, asmaIterations: 50);
        var names = StrongerAttacks.Names(3, 50);
        Assert.Equal(["targeted-ifgsm", "segpgd", "cospgd", "pgd-3restarts", "asma-50it"], names);
        var pgd = Assert.IsType<Pgd>(registry.Find("pgd-3restarts").Create(7));
        Assert.Equal(3, pgd.Options.Restarts);
        Assert.Equal(7, pgd.Options.Seed);
        var asma = Assert.IsType<Asma>(registry.Find("asma-50it").Create(0));
        Assert.Equal(50, asma.Options.Iterations);
        Assert.Equal(2501, Assert.IsType<Asma>(registry.Find("asma").Create(0)).Options.Iterations);
    }

    [Fact]
    public void The_authors_asma_keeps_its_registered_name()
    {
        var registry = StrongerAttacks.Registry(2, 2501);
        Assert.Equal("asma", StrongerAttacks.Names(2, 2501)[^1]);
        Assert.DoesNotContain(registry.Names, n => n.StartsWith("asma-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(3, 0)]
    public void Too_few_restarts_or_iterations_are_refused(int restarts, int iterations)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StrongerAttacks.Registry(restarts, iterations));
    }
}
