using Nlce.Attacks;
using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation.Sweep;

public sealed class AttackRegistryTests
{
    public static TheoryData<string, string, PerturbationNorm, TargetRule> Attacks => new()
    {
        { "fgsm", "FGSM", PerturbationNorm.Linf, TargetRule.None },
        { "ifgsm", "I-FGSM", PerturbationNorm.Linf, TargetRule.None },
        { "targeted-ifgsm", "targeted I-FGSM", PerturbationNorm.Linf, TargetRule.None },
        { "ti-fgsm", "ti-FGSM", PerturbationNorm.Linf, TargetRule.AllBackground },
        { "pgd", "PGD-L∞", PerturbationNorm.Linf, TargetRule.None },
        { "pgd-l2", "PGD-L2", PerturbationNorm.L2, TargetRule.None },
        { "segpgd", "SegPGD", PerturbationNorm.Linf, TargetRule.None },
        { "cospgd", "CosPGD", PerturbationNorm.Linf, TargetRule.None },
        { "asma", "ASMA", PerturbationNorm.Linf, TargetRule.NextImageMask },
        { "pgd-100", "PGD-L∞", PerturbationNorm.Linf, TargetRule.None },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Every_name_builds_its_attack(string name, string attackName, PerturbationNorm norm, TargetRule targets)
    {
        var entry = AttackRegistry.Default.Find(name);
        var attack = entry.Create(seed: 5);
        Assert.Equal((name, attackName, norm, targets), (entry.Name, attack.Name, attack.Norm, entry.Targets));
    }

    [Fact]
    public void The_registry_lists_exactly_the_table()
    {
        Assert.Equal(Attacks.Select(row => (string)row[0]), AttackRegistry.Default.Names);
    }

    [Fact]
    public void Random_start_attacks_take_the_run_seed()
    {
        var pgd = Assert.IsType<Pgd>(AttackRegistry.Default.Find("pgd").Create(seed: 42));
        Assert.Equal(42, pgd.Options.Seed);
        Assert.NotEqual(pgd.ToString(), AttackRegistry.Default.Find("pgd").Create(seed: 43).ToString());
    }

    [Theory]
    [InlineData("  Targeted-IFGSM ", "targeted-ifgsm")]
    [InlineData("PGD-L2", "pgd-l2")]
    public void Names_are_case_and_blank_insensitive(string given, string found) => Assert.Equal(found, AttackRegistry.Default.Find(given).Name);

    [Theory]
    [InlineData("pgdl2", "Did you mean 'pgd-l2'?")]
    [InlineData("cos-pgd", "Did you mean 'cospgd'?")]
    [InlineData("tifgsm", "'ti-fgsm'")]
    [InlineData("deepfool", "Registered attacks: fgsm, ifgsm, targeted-ifgsm, ti-fgsm, pgd, pgd-l2, segpgd, cospgd, asma, pgd-100.")]
    public void Unknown_names_suggest_and_list(string given, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => AttackRegistry.Default.Find(given));
        Assert.Contains($"Unknown attack '{given}'.", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Entries_are_validated_and_names_unique()
    {
        var fgsm = AttackRegistry.Default.Find("fgsm");
        Assert.Throws<ArgumentException>(() => AttackRegistry.Default.With(fgsm));
        Assert.Throws<ArgumentException>(() => AttackRegistry.Default.With(fgsm with { Name = "Big Attack" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttackRegistry.Default.With(fgsm with { Name = "other", Targets = (TargetRule)9 }));
        Assert.Equal(11, AttackRegistry.Default.With(fgsm with { Name = "fgsm-copy" }).Entries.Count);
    }
}
