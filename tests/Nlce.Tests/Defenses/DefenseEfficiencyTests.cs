using Nlce.Evaluation.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Defenses;

public sealed class DefenseEfficiencyTests
{
    [Fact]
    public void Efficiency_is_defended_adversarial_over_defended_clean_and_the_benign_cost_is_the_clean_drop()
    {
        ResultRow Row(string attack, double epsilon, string defense, string image, double dice) =>
            new(new ResultKey("m", attack, epsilon, defense, 0, image), dice, dice);
        var rows = new[]
        {
            Row("none", 0, "none", "a", 0.90), Row("none", 0, "none", "b", 0.80),
            Row("none", 0, "fr", "a", 0.85), Row("none", 0, "fr", "b", 0.75),
            Row("pgd", 8, "fr", "a", 0.60), Row("pgd", 8, "fr", "b", 0.40),
            Row("pgd", 2, "fr", "a", 0.70), Row("pgd", 2, "fr", "b", 0.70),
            Row("pgd", 8, "none", "a", 0.10),
        };
        var report = DefenseEfficiency.Of(rows, "m", "fr");
        Assert.Equal([2.0, 8.0], report.Select(r => r.Epsilon));
        var strong = report[1];
        Assert.Equal(2, strong.Images);
        Assert.Equal(0.5 / 0.8, strong.Efficiency, 9);
        Assert.Equal(0.05, strong.BenignCost, 9);
        Assert.Contains("under defense 'jpeg-q75'", Assert.Throws<ArgumentException>(() => DefenseEfficiency.Of(rows, "m", "jpeg-q75")).Message);
    }

    [Fact]
    public void A_run_configuration_written_before_defense_settings_existed_still_reads()
    {
        const string json = """
            {"kind":"robustness-sweep","images":{"count":1,"channels":1,"height":8,"width":8,"sha256":"00","description":null},
             "models":[],"attacks":[],"epsilons":[2],"includeClean":true,"defense":"none","seed":0,"batchSize":4}
            """;
        var config = SweepRunConfig.FromJson(json)!;
        Assert.Null(config.DefenseSettings);
        Assert.Empty(config.ConflictsWith(config with { DefenseSettings = null }));
    }
}
