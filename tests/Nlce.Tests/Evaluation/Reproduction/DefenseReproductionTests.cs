using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Results;
using Nlce.Training.Defenses;
using static TorchSharp.torch;

namespace Nlce.Tests.Evaluation.Reproduction;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class DefenseReproductionTests
{
    [Fact]
    public void Smoke_writes_every_file_and_a_rerun_recomputes_nothing()
    {
        using var folder = new TemporaryFolder();
        string output = folder.Combine("defenses"), cache = folder.Combine("prepared");
        var reproduction = new DefenseReproduction(ReproductionProfile.Smoke, null, null, CPU, seed: 0);
        var first = reproduction.Run(output, cache);

        Assert.True(first.Reduced);
        Assert.Contains("Reduced setting", first.Note);
        Assert.True(first.Computed > 0);
        Assert.Equal(0, first.AlreadyStored);
        string[] expected =
        [
            "defenses-curves.csv", "defenses-wilcoxon.csv", "defenses-efficiency.csv", "gradient-masking.csv", "amat-margins.csv", "results.sqlite",
            .. reproduction.Plan.Attacks.Select(a => $"defenses-{a}.html"),
        ];
        foreach (var name in expected)
            Assert.Contains(Path.Combine(output, name), first.Files);
        Assert.All(first.Files, f => Assert.True(File.Exists(f), f));
        foreach (var kind in new[] { DefenseKind.None, DefenseKind.Sat, DefenseKind.Amat, DefenseKind.Distill })
            Assert.True(File.Exists(Path.Combine(reproduction.CheckpointFolder(output, kind), "checkpoint.json")), kind.ToString());

        // Every model under every attack, the undefended one also behind FR and JPEG (ignore and BPDA), transfer for the trained ones.
        string[] labels = ["undefended", "sat", "amat", "distill", "fr", "fr+bpda", "jpeg-q75", "jpeg-q75+bpda",
            "sat+transfer:nlcen-r18", "amat+transfer:nlcen-r18", "distill+transfer:nlcen-r18"];
        Assert.Equal(labels.Order(), first.Conditions.Select(c => c.Label).Order());
        var curveLabels = first.Curves.Select(c => c.Defense).Distinct().ToArray();
        Assert.Equal(8, curveLabels.Length);
        Assert.All(first.Curves, c => Assert.InRange(c.MeanDice, c.Lower - 1e-12, c.Upper + 1e-12));
        // Wilcoxon: 7 defenses × (clean + 4 attacks × 2 ε), each on the smoke profile's test images.
        Assert.Equal(7 * (1 + reproduction.Plan.Attacks.Count * ReproductionProfile.Smoke.Epsilons.Count), first.Comparisons.Count);
        Assert.All(first.Comparisons, c => Assert.Equal(ReproductionProfile.Smoke.TestImages, c.Images));
        Assert.All(first.Comparisons, c => Assert.InRange(c.PValue, 0, 1));
        Assert.Equal(ReproductionProfile.Smoke.Epochs, first.AmatMargins.Count);
        Assert.InRange(first.AmatThreshold, 0, 1);

        var wilcoxon = File.ReadAllLines(Path.Combine(output, "defenses-wilcoxon.csv"));
        Assert.Equal("defense,baseline,attack,epsilon,images,mean_difference,p_value", wilcoxon[0]);
        Assert.Equal(first.Comparisons.Count + 1, wilcoxon.Length);
        var masking = File.ReadAllLines(Path.Combine(output, "gradient-masking.csv"));
        Assert.StartsWith("model,defense,check", masking[0]);
        Assert.Equal(first.Flags.Count + 1, masking.Length);
        Assert.NotEmpty(first.FlagSentences);
        string chart = File.ReadAllText(Path.Combine(output, "defenses-targeted-ifgsm.html"));
        Assert.Contains("Reduced setting", chart);
        Assert.Contains("fr+bpda", chart);
        Assert.DoesNotContain("<script src=", chart);

        var weights = Directory.GetFiles(Path.Combine(output, "checkpoints"), "weights-*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        int rows;
        using (var store = ResultsStore.Open(Path.Combine(output, "results.sqlite")))
            rows = store.Rows().Count;
        Assert.Equal(first.Computed, rows);

        var second = reproduction.Run(output, cache);
        Assert.Equal(0, second.Computed);
        Assert.Equal(rows, second.AlreadyStored);
        Assert.Equal(first.Curves, second.Curves);
        Assert.Equal(first.Comparisons, second.Comparisons);
        Assert.All(weights, w => Assert.Equal(w.Value, File.GetLastWriteTimeUtc(w.Key))); // no model retrained
        using (var store = ResultsStore.Open(Path.Combine(output, "results.sqlite")))
            Assert.Equal(rows, store.Rows().Count);
    }

    [Fact]
    public void Reduced_profiles_give_the_inner_attack_fewer_iterations_and_the_paper_profile_the_defaults()
    {
        var smoke = DefenseTrainingSettings.For(ReproductionProfile.Smoke);
        var quick = DefenseTrainingSettings.For(ReproductionProfile.Quick);
        var paper = DefenseTrainingSettings.For(ReproductionProfile.Paper);
        Assert.True(smoke.Sat.Iterations < quick.Sat.Iterations && quick.Sat.Iterations < paper.Sat.Iterations);
        Assert.True(smoke.Amat.Iterations < quick.Amat.Iterations && quick.Amat.Iterations < paper.Amat.Iterations);
        Assert.Equal(new SatOptions(), paper.Sat);
        Assert.Equal(new AmatOptions(), paper.Amat);
        Assert.Null(smoke.Amat.DiceThreshold);
        Assert.Equal(("pgd-5", "pgd"), (DefenseSweepPlan.For(ReproductionProfile.Smoke).Pgd, DefenseSweepPlan.For(ReproductionProfile.Smoke).PgdTwin));
        Assert.Equal(["ifgsm", "targeted-ifgsm", "pgd", "pgd-100"], DefenseSweepPlan.For(ReproductionProfile.Quick).Attacks);
        Assert.Equal("pgd-5", DefenseSweepPlan.For(ReproductionProfile.Smoke).Registry.Find("pgd-5").Name);
    }

    [Fact]
    public void Unknown_models_are_refused_with_suggestions() =>
        Assert.Contains("nlcen-r18", Assert.Throws<ArgumentException>(() =>
            new DefenseReproduction(ReproductionProfile.Smoke, null, "nlcen-r81", CPU, 0)).Message);

    [Fact]
    public void The_report_needs_exactly_one_undefended_condition() =>
        Assert.Throws<ArgumentException>(() => new DefenseReproductionReport([new DefenseCondition("sat", "m-sat", "sat", false)], "note", 0));
}
