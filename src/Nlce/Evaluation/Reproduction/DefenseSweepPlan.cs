using Nlce.Attacks;
using Nlce.Evaluation.Defenses;
using Nlce.Evaluation.Sweep;

namespace Nlce.Evaluation.Reproduction;

/// <summary>
/// Which attacks <see cref="DefenseReproduction"/> sweeps at one profile (issue 5: I-FGSM, targeted I-FGSM and PGD, plus a
/// many-iteration PGD twin for the "do more iterations help the attacker" check). The quick and paper profiles use the registry's
/// <c>pgd</c> (20 iterations) and <c>pgd-100</c>; the smoke profile, which runs in tests, uses <c>pgd-5</c> (5 iterations, same
/// α = 2 and random start) with <c>pgd</c> as its twin, because PGD-100 alone would cost more than the rest of the smoke run.
/// </summary>
/// <param name="Pgd">The PGD attack of the curves and Wilcoxon tables.</param>
/// <param name="PgdTwin">Its many-iteration twin (same step rule, more iterations).</param>
/// <param name="Registry">Where the names are looked up.</param>
public sealed record DefenseSweepPlan(string Pgd, string PgdTwin, AttackRegistry Registry)
{
    /// <summary>The five-iteration PGD of the smoke profile: α = 2, random start (reaches the edge of an ε = 8 ball).</summary>
    public static AttackEntry Pgd5 { get; } = new("pgd-5", "PGD-L∞ (Madry et al. 2018), α = 2, 5 iterations, random start: pgd's few-iteration sibling for smoke runs",
        TargetRule.None, seed => new Pgd(new PgdOptions { Iterations = IterationSchedule.Fixed(5), Seed = seed }));

    /// <summary>The plan of <paramref name="profile"/>.</summary>
    public static DefenseSweepPlan For(ReproductionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Name == ReproductionProfile.Smoke.Name
            ? new DefenseSweepPlan(Pgd5.Name, "pgd", AttackRegistry.Default.With(Pgd5))
            : new DefenseSweepPlan("pgd", "pgd-100", AttackRegistry.Default);
    }

    /// <summary>Every model's attacks: I-FGSM, targeted I-FGSM (NLCEN eq. 6), PGD and its twin.</summary>
    public IReadOnlyList<string> Attacks => ["ifgsm", "targeted-ifgsm", Pgd, PgdTwin];

    /// <summary>The attacks transferred from the undefended twin: the white-box ones without the iterations twin.</summary>
    public IReadOnlyList<string> TransferAttacks => ["ifgsm", "targeted-ifgsm", Pgd];

    /// <summary>The gradient-masking settings that compare <see cref="Pgd"/> with <see cref="PgdTwin"/>.</summary>
    public GradientMaskingOptions Masking => new GradientMaskingOptions { IterationTwins = [new IterationTwin(Pgd, PgdTwin)] }.Validate();
}
