using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation.Sweep;

public sealed class SweepRunConfigTests
{
    private static readonly SweepRunConfig Base = new(SweepRunConfig.SweepKind,
        new SweepImageIdentity(4, 1, 32, 32, new string('a', 64), "phantom-lung test"),
        [new SweepModelIdentity("unet", "unet", 1, 2, new string('1', 64))],
        [new SweepAttackIdentity("pgd", "PGD-L∞ (seed 0)", TargetRule.None)],
        [2.0, 8.0], true, "none", 0, 16);

    public static TheoryData<string, SweepRunConfig> Compatible => new()
    {
        { "same", Base },
        { "other description and batch", Base with { Images = Base.Images with { Description = "elsewhere" }, BatchSize = 2 } },
        { "another model", Base with { Models = [.. Base.Models, new SweepModelIdentity("cdnn", "cdnn", 1, 2, new string('2', 64))] } },
        { "other attacks, ε, seed, defense", Base with { Attacks = [new SweepAttackIdentity("fgsm", "FGSM", TargetRule.None)], Epsilons = [32], Seed = 3, Defense = "fr" } },
    };

    [Theory]
    [MemberData(nameof(Compatible))]
    public void Runs_that_only_add_keys_share_a_store(string change, SweepRunConfig later)
    {
        Assert.True(later.ConflictsWith(Base).Count == 0, change);
    }

    public static TheoryData<string, SweepRunConfig> Incompatible => new()
    {
        { "images", Base with { Images = Base.Images with { Sha256 = new string('b', 64) } } },
        { "images", Base with { Images = Base.Images with { Height = 64, Width = 64 } } },
        { "models.unet", Base with { Models = [Base.Models[0] with { WeightsSha256 = new string('3', 64) }] } },
        { "models.unet", Base with { Models = [Base.Models[0] with { Architecture = "unet+nlce" }] } },
        { "attacks.pgd", Base with { Attacks = [Base.Attacks[0] with { Settings = "PGD-L∞ (α = 1)" }] } },
    };

    [Theory]
    [MemberData(nameof(Incompatible))]
    public void Other_inputs_under_the_same_names_conflict(string field, SweepRunConfig later)
    {
        var conflict = Assert.Single(later.ConflictsWith(Base));
        Assert.StartsWith(field + ":", conflict);
    }

    [Fact]
    public void The_hash_covers_result_affecting_fields_only()
    {
        Assert.Equal(Base.Hash(), (Base with { BatchSize = 1, Images = Base.Images with { Description = null } }).Hash());
        Assert.NotEqual(Base.Hash(), (Base with { Seed = 1 }).Hash());
        Assert.NotEqual(Base.Hash(), (Base with { Epsilons = [2.0] }).Hash());
        Assert.Matches("^[0-9a-f]{64}$", Base.Hash());
    }

    [Fact]
    public void Json_round_trips_and_other_run_kinds_are_not_sweeps()
    {
        var read = SweepRunConfig.FromJson(Base.ToJson())!;
        Assert.Equal(Base.Hash(), read.Hash());
        Assert.Empty(read.ConflictsWith(Base));
        Assert.Contains("\"targets\":\"none\"", Base.ToJson());
        Assert.Null(SweepRunConfig.FromJson("{}"));
        Assert.Null(SweepRunConfig.FromJson("""{"kind":"training","epochs":3}"""));
        Assert.Null(SweepRunConfig.FromJson("[1, 2]"));
    }
}
