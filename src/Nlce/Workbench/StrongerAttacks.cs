using Nlce.Attacks;
using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Sweep;

namespace Nlce.Workbench;

/// <summary>
/// The attacks notebook 09 sets against the NLCEN paper's targeted I-FGSM (eq. 6): SegPGD and CosPGD as registered, PGD-L∞ with
/// several random restarts (the strongest of the runs per image), and ASMA (Ozbulak et al. 2019) clipped to the L∞ ε-ball. The
/// authors' ASMA runs 2501 iterations, which the reduced profiles cannot afford, so they get fewer, and the entry's name says how
/// many (<c>asma-100it</c>): its rows are never mistaken for the authors' setting.
/// </summary>
public static class StrongerAttacks
{
    /// <summary>The name of the PGD entry with <paramref name="restarts"/> random restarts, e.g. <c>pgd-5restarts</c>.</summary>
    public static string PgdName(int restarts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 2);
        return $"pgd-{restarts}restarts";
    }

    /// <summary>The name of the ASMA entry: <c>asma</c> at the authors' 2501 iterations, <c>asma-&lt;n&gt;it</c> otherwise.</summary>
    public static string AsmaName(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        return iterations == new AsmaOptions().Iterations ? "asma" : $"asma-{iterations}it";
    }

    /// <summary>ASMA's iterations in <paramref name="profile"/>: the authors' 2501 in the paper profile, 100 in quick, 20 in smoke.</summary>
    public static int AsmaIterationsFor(ReproductionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Name switch
        {
            "smoke" => 20,
            "quick" => 100,
            _ => new AsmaOptions().Iterations,
        };
    }

    /// <summary>
    /// <see cref="AttackRegistry.Default"/> plus <see cref="PgdName"/> (PGD-L∞, α = 2, 20 iterations, <paramref name="pgdRestarts"/>
    /// random starts) and, unless it is the registered default, <see cref="AsmaName"/> with <paramref name="asmaIterations"/> iterations.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 restarts or 1 iteration.</exception>
    public static AttackRegistry Registry(int pgdRestarts, int asmaIterations)
    {
        var entries = new List<AttackEntry>
        {
            new(PgdName(pgdRestarts), $"PGD-L∞ (Madry et al. 2018), α = 2, 20 iterations, {pgdRestarts} random starts, the strongest kept per image",
                TargetRule.None, seed => new Pgd(new PgdOptions { Restarts = pgdRestarts, Seed = seed })),
        };
        string asma = AsmaName(asmaIterations);
        if (asma != "asma")
            entries.Add(new AttackEntry(asma, $"ASMA (Ozbulak et al. 2019) towards the next image's mask, {asmaIterations} iterations (the authors: 2501), clipped to the L∞ ε-ball",
                TargetRule.NextImageMask, _ => new Asma(new AsmaOptions { Iterations = asmaIterations })));
        return AttackRegistry.Default.With([.. entries]);
    }

    /// <summary>The attack names of notebook 09 in display order: the paper's attack first, then SegPGD, CosPGD, PGD with restarts and ASMA.</summary>
    public static IReadOnlyList<string> Names(int pgdRestarts, int asmaIterations) =>
        ["targeted-ifgsm", "segpgd", "cospgd", PgdName(pgdRestarts), AsmaName(asmaIterations)];
}
