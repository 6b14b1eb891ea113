using System.Collections.Immutable;
using Nlce.Attacks;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// The attacks a sweep or <c>nlce attack</c> can run, by name, each with its default settings (the papers' where they give
/// them). An immutable table: <see cref="With"/> returns a new registry.
/// </summary>
/// <remarks>
/// ε is read in the attack's own norm: the L∞ attacks take intensity levels (0–255 scale) per pixel, <c>pgd-l2</c> an L2 radius
/// in the same units over the whole image, so an L2 sweep wants its own, larger ε list.
/// </remarks>
public sealed class AttackRegistry
{
    private readonly ImmutableArray<AttackEntry> entries;

    private AttackRegistry(ImmutableArray<AttackEntry> entries)
    {
        var duplicate = entries.GroupBy(entry => entry.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Attack name '{duplicate.Key}' is registered {duplicate.Count()} times.", nameof(entries));
        this.entries = entries;
    }

    /// <summary>The built-in attacks: the NLCEN paper's targeted I-FGSM and the attacks of the companion papers.</summary>
    public static AttackRegistry Default { get; } = new(
    [
        Entry("fgsm", "FGSM (Goodfellow et al. 2015), one L∞ step of ε up the cross-entropy", TargetRule.None, _ => new Fgsm()),
        Entry("ifgsm", "I-FGSM (Kurakin et al. 2016), untargeted, α = 1, ⌈min(ε + 4, 1.25ε)⌉ iterations", TargetRule.None, _ => new Ifgsm()),
        Entry("targeted-ifgsm", "targeted I-FGSM towards the inverse ground truth, the NLCEN paper's attack (eq. 6)", TargetRule.None,
            _ => new TargetedIfgsm()),
        Entry("ti-fgsm", "ti-FGSM (seed 002) towards an all-background map, α = 1, ⌈min(ε + 4, 1.25ε)⌉ iterations", TargetRule.AllBackground,
            _ => new TiFgsm()),
        Entry("pgd", "PGD-L∞ (Madry et al. 2018), α = 2, 20 iterations, random start", TargetRule.None,
            seed => new Pgd(new PgdOptions { Seed = seed })),
        Entry("pgd-l2", "PGD-L2 (Madry et al. 2018), α = 0.125ε (2.5ε over 20 iterations), random start; ε is an L2 radius", TargetRule.None,
            seed => new Pgd(new PgdOptions { Norm = PerturbationNorm.L2, StepSize = StepSize.FractionOfEpsilon(0.125), Seed = seed })),
        Entry("segpgd", "SegPGD (Gu et al. 2022), L∞, α = 2, 20 iterations, random start", TargetRule.None,
            seed => new SegPgd(new PgdOptions { Seed = seed })),
        Entry("cospgd", "CosPGD (Agnihotri et al. 2024), L∞, α = 2, 20 iterations, random start", TargetRule.None,
            seed => new CosPgd(new PgdOptions { Seed = seed })),
        Entry("asma", "ASMA (Ozbulak et al. 2019) towards the next image's mask, the authors' 2501 iterations, clipped to the L∞ ε-ball",
            TargetRule.NextImageMask, _ => new Asma()),
        Entry("pgd-100", "PGD-L∞ with 100 iterations, α = 0.5, random start: pgd's many-iteration twin for the gradient-masking checks",
            TargetRule.None, seed => new Pgd(new PgdOptions { StepSize = StepSize.Intensity(0.5), Iterations = IterationSchedule.Fixed(100), Seed = seed })),
    ]);

    /// <summary>The registered attacks in registration order.</summary>
    public IReadOnlyList<AttackEntry> Entries => entries;

    /// <summary>The registered names in registration order.</summary>
    public IEnumerable<string> Names => entries.Select(entry => entry.Name);

    /// <summary>A registry with <paramref name="added"/> appended.</summary>
    /// <exception cref="ArgumentException">An entry is invalid or a name is already registered.</exception>
    public AttackRegistry With(params AttackEntry[] added)
    {
        ArgumentNullException.ThrowIfNull(added);
        return new AttackRegistry(entries.AddRange(added.Select(entry => entry.Validate())));
    }

    /// <summary>The entry called <paramref name="name"/> (case-insensitive, surrounding blanks ignored).</summary>
    /// <exception cref="ArgumentException">No such attack; the message suggests the closest names and lists all.</exception>
    public AttackEntry Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string wanted = name.Trim().ToLowerInvariant();
        return entries.FirstOrDefault(entry => entry.Name == wanted) ?? throw new ArgumentException(
            $"Unknown attack '{name}'.{NameSuggestions.DidYouMean(wanted, Names)} Registered attacks: {string.Join(", ", Names)}.", nameof(name));
    }

    private static AttackEntry Entry(string name, string description, TargetRule targets, Func<int, IAttack> factory) =>
        new AttackEntry(name, description, targets, factory).Validate();
}
