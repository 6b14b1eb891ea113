using System.CommandLine;
using Nlce.Attacks;
using Nlce.Training.Defenses;

namespace Nlce.Cli.Commands;

/// <summary>A parsed <c>--defense</c> choice with the settings of that defense.</summary>
/// <param name="Kind">The defense.</param>
/// <param name="Sat">SAT's options when <paramref name="Kind"/> is <see cref="DefenseKind.Sat"/>.</param>
/// <param name="Amat">AMAT's options when <paramref name="Kind"/> is <see cref="DefenseKind.Amat"/>.</param>
/// <param name="Distillation">Distillation's options when <paramref name="Kind"/> is <see cref="DefenseKind.Distill"/>.</param>
/// <param name="Teacher">Distillation: a teacher checkpoint folder, or null to train the teacher first.</param>
internal sealed record DefenseChoice(DefenseKind Kind, SatOptions? Sat, AmatOptions? Amat, DistillationOptions? Distillation, string? Teacher);

/// <summary>
/// The <c>nlce train</c> options of the training defenses (issue 5): <c>--defense none|sat|amat|distill</c> and each defense's
/// settings. A setting given for another defense than the chosen one is an error, not silently ignored.
/// </summary>
internal sealed class DefenseOptions
{
    private readonly Option<string> defense = new("--defense")
    {
        Description = "Training defense (issue 5): none, sat (PGD adversarial training), amat (adaptive-margin adversarial training) or distill (defensive distillation).",
        DefaultValueFactory = _ => "none",
    };

    private readonly Option<double?> satEpsilon = new("--sat-eps") { Description = $"SAT: ε in intensity units, 0–255 scale (default {SatOptions.DefaultEpsilon})." };

    private readonly Option<string?> satNorm = new("--sat-norm")
    {
        Description = "SAT: linf (α = 2, 10 PGD iterations; default) or l2 (the AMAT code's 20 iterations of step 4ε/20; ε is then an L2 length).",
    };

    private readonly Option<bool> satMixed = new("--sat-mixed") { Description = "SAT: minimise ½ clean + ½ adversarial loss instead of the adversarial loss alone." };

    private readonly Option<double?> amatDelta = new("--amat-delta") { Description = $"AMAT: margin start and growth step Δ, intensity units (default {new AmatOptions().Delta})." };

    private readonly Option<double?> amatMax = new("--amat-max") { Description = $"AMAT: margin cap E_max, intensity units (default {new AmatOptions().MaxMargin})." };

    private readonly Option<double?> amatThreshold = new("--amat-threshold")
    {
        Description = "AMAT: DIC threshold τ below which a sample counts as broken (default: the starting model's mean training DIC).",
    };

    private readonly Option<double?> temperature = new("--temperature") { Description = $"Distillation: temperature T (default {DistillationOptions.DefaultTemperature})." };

    private readonly Option<string?> teacher = new("--teacher")
    {
        Description = "Distillation: checkpoint folder of a trained teacher; without it the teacher is trained first at T in <out>/teacher.",
    };

    public DefenseOptions()
    {
        defense.AcceptOnlyFromAmong("none", "sat", "amat", "distill");
        satNorm.AcceptOnlyFromAmong("linf", "l2");
    }

    /// <summary>Every option, to add to the command.</summary>
    public IEnumerable<Option> All => [defense, satEpsilon, satNorm, satMixed, amatDelta, amatMax, amatThreshold, temperature, teacher];

    /// <summary>The chosen defense and its validated settings; <see cref="ArgumentException"/> for a setting of another defense.</summary>
    public DefenseChoice Parse(ParseResult parse)
    {
        var kind = Enum.Parse<DefenseKind>(parse.GetValue(defense)!, ignoreCase: true);
        var given = new List<(string Name, bool Given, DefenseKind Owner)>
        {
            ("--sat-eps", parse.GetValue(satEpsilon) is not null, DefenseKind.Sat),
            ("--sat-norm", parse.GetValue(satNorm) is not null, DefenseKind.Sat),
            ("--sat-mixed", parse.GetValue(satMixed), DefenseKind.Sat),
            ("--amat-delta", parse.GetValue(amatDelta) is not null, DefenseKind.Amat),
            ("--amat-max", parse.GetValue(amatMax) is not null, DefenseKind.Amat),
            ("--amat-threshold", parse.GetValue(amatThreshold) is not null, DefenseKind.Amat),
            ("--temperature", parse.GetValue(temperature) is not null, DefenseKind.Distill),
            ("--teacher", parse.GetValue(teacher) is not null, DefenseKind.Distill),
        };
        var foreign = given.Where(o => o.Given && o.Owner != kind).ToList();
        if (foreign.Count > 0)
            throw new ArgumentException(
                $"{string.Join(", ", foreign.Select(o => $"{o.Name} belongs to --defense {o.Owner.ToString().ToLowerInvariant()}"))}, but --defense is {kind.ToString().ToLowerInvariant()}.",
                "--defense");
        return kind switch
        {
            DefenseKind.Sat => new DefenseChoice(kind, Sat(parse), null, null, null),
            DefenseKind.Amat => new DefenseChoice(kind, null, Amat(parse), null, null),
            DefenseKind.Distill => new DefenseChoice(kind, null, null,
                new DistillationOptions { Temperature = parse.GetValue(temperature) ?? DistillationOptions.DefaultTemperature }.Validate(), parse.GetValue(teacher)),
            _ => new DefenseChoice(kind, null, null, null, null),
        };
    }

    private SatOptions Sat(ParseResult parse)
    {
        double epsilon = parse.GetValue(satEpsilon) ?? SatOptions.DefaultEpsilon;
        var options = parse.GetValue(satNorm) == "l2" ? SatOptions.ForL2(epsilon) : new SatOptions { Epsilon = epsilon };
        return (options with { Loss = parse.GetValue(satMixed) ? SatLoss.Mixed : SatLoss.AdversarialOnly }).Validate();
    }

    private AmatOptions Amat(ParseResult parse)
    {
        var defaults = new AmatOptions();
        return new AmatOptions
        {
            Norm = PerturbationNorm.Linf,
            Delta = parse.GetValue(amatDelta) ?? defaults.Delta,
            MaxMargin = parse.GetValue(amatMax) ?? defaults.MaxMargin,
            DiceThreshold = parse.GetValue(amatThreshold),
        }.Validate();
    }
}
