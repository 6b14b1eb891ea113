using Nlce.Attacks;

namespace Nlce.Evaluation.Sweep;

/// <summary>One row of the <see cref="AttackRegistry"/>: a command-line name, what it runs, how it gets targets, and a factory.</summary>
/// <param name="Name">Registry name, lower case without spaces, e.g. <c>targeted-ifgsm</c>; the attack name stored in result keys.</param>
/// <param name="Description">One line for help texts: the attack, its paper and its settings.</param>
/// <param name="Targets">Where the targets of a targeted attack come from.</param>
/// <param name="Factory">Builds the attack for a run seed (used by attacks with random starts).</param>
public sealed record AttackEntry(string Name, string Description, TargetRule Targets, Func<int, IAttack> Factory)
{
    /// <summary>Builds the attack for <paramref name="seed"/>.</summary>
    public IAttack Create(int seed) => Factory(seed);

    /// <summary>Throws when a field is missing or the name is not lower case without white space.</summary>
    /// <exception cref="ArgumentException">A field is empty, the name is malformed or the rule is undefined.</exception>
    public AttackEntry Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentException.ThrowIfNullOrWhiteSpace(Description, nameof(Description));
        ArgumentNullException.ThrowIfNull(Factory, nameof(Factory));
        if (Name != Name.ToLowerInvariant() || Name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"Attack name '{Name}' must be lower case without white space.", nameof(Name));
        if (!Enum.IsDefined(Targets))
            throw new ArgumentOutOfRangeException(nameof(Targets), Targets, $"expected one of {string.Join(", ", Enum.GetNames<TargetRule>())}.");
        return this;
    }
}
