using Nlce.Attacks;
using Nlce.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Tests.Attacks;

namespace Nlce.Tests.Defenses;

/// <summary>The defense settings of a defended evaluation: their keys and their refusals.</summary>
public sealed class DefendedEvaluationTests
{
    public static TheoryData<string, string, string, string?> Keys => new()
    {
        { "fr", "ignore", ResultKey.NoDefense, null },
        { "fr+bpda", "bpda", ResultKey.NoDefense, null },
        { "noise+eot", "eot", ResultKey.NoDefense, null },
        { "transfer:twin", "none", ResultKey.NoDefense, "twin" },
        { "fr+transfer:twin", "ignore", ResultKey.NoDefense, "twin" },
        { "fr+bpda+transfer:twin", "bpda", ResultKey.NoDefense, "twin" },
        { "sat+fr+bpda", "bpda", "sat", null },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_defense_key_names_the_transform_the_attacker_and_the_surrogate(string expected, string mode, string label, string? surrogate)
    {
        using var twin = TinySegmenter.Create(seed: 3);
        IInputDefense? transform = mode switch
        {
            "none" => null,
            "eot" => new UniformNoiseDefense(1),
            _ => new FrequencyRefinement(),
        };
        var defended = new DefendedEvaluation
        {
            Transform = transform,
            Attacker = mode switch { "bpda" => AttackerAwareness.Bpda, "eot" => AttackerAwareness.Eot, _ => AttackerAwareness.Ignore },
            SurrogateName = surrogate,
            Surrogate = surrogate is null ? null : twin,
        };
        var options = new SweepOptions { Defense = label, Defended = defended }.Validate();
        Assert.Equal(expected, options.DefenseKey);
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { "nothing", "needs an input defense" },
        { "bpda without transform", "Transform is null" },
        { "eot on fr", "deterministic" },
        { "no eot draws", "EotSamples" },
        { "surrogate without name", "together" },
        { "name with plus", "'+'" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Contradictory_settings_are_refused(string problem, string expected)
    {
        using var twin = TinySegmenter.Create(seed: 3);
        var defended = problem switch
        {
            "nothing" => new DefendedEvaluation(),
            "bpda without transform" => new DefendedEvaluation { Attacker = AttackerAwareness.Bpda, Surrogate = twin, SurrogateName = "twin" },
            "eot on fr" => new DefendedEvaluation { Transform = new FrequencyRefinement(), Attacker = AttackerAwareness.Eot },
            "no eot draws" => new DefendedEvaluation { Transform = new UniformNoiseDefense(1), Attacker = AttackerAwareness.Eot, EotSamples = 0 },
            "surrogate without name" => new DefendedEvaluation { Surrogate = twin },
            _ => new DefendedEvaluation { Surrogate = twin, SurrogateName = "a+b" },
        };
        var error = Assert.ThrowsAny<ArgumentException>(() => new SweepOptions { Defended = defended }.Validate());
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_attacker_wraps_the_attack_as_its_awareness_says()
    {
        var attack = new TargetedIfgsm();
        Assert.Same(attack, new DefendedEvaluation { Transform = new FrequencyRefinement() }.AttackFor(attack));
        Assert.IsType<Bpda>(new DefendedEvaluation { Transform = new FrequencyRefinement(), Attacker = AttackerAwareness.Bpda }.AttackFor(attack));
        var eot = Assert.IsType<Eot>(new DefendedEvaluation { Transform = new UniformNoiseDefense(1), Attacker = AttackerAwareness.Eot, EotSamples = 3 }.AttackFor(attack));
        Assert.Equal((3, true), (eot.Options.Samples, eot.Options.StraightThrough));
    }
}
