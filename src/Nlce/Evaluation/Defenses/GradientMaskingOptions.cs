namespace Nlce.Evaluation.Defenses;

/// <summary>An attack and its many-iteration twin (same attack and step rule, more iterations), e.g. <c>pgd</c> and <c>pgd-100</c>.</summary>
/// <param name="Shorter">Registry name of the attack.</param>
/// <param name="Longer">Registry name of its many-iteration twin.</param>
public sealed record IterationTwin(string Shorter, string Longer);

/// <summary>Settings of <see cref="GradientMaskingChecks"/>.</summary>
public sealed record GradientMaskingOptions
{
    /// <summary>How much mean DIC may move the wrong way before a check fires (≥ 0, finite); default 0.01.</summary>
    public double Tolerance { get; init; } = 0.01;

    /// <summary>Attack pairs compared by the iterations check; default <c>pgd</c> vs <c>pgd-100</c>.</summary>
    public IReadOnlyList<IterationTwin> IterationTwins { get; init; } = [new("pgd", "pgd-100")];

    /// <summary>Throws when a field is out of range or missing, naming it.</summary>
    /// <exception cref="ArgumentException">A bad tolerance or twin.</exception>
    public GradientMaskingOptions Validate()
    {
        if (!double.IsFinite(Tolerance) || Tolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be finite and ≥ 0 (a DIC difference).");
        ArgumentNullException.ThrowIfNull(IterationTwins, nameof(IterationTwins));
        foreach (var twin in IterationTwins)
        {
            ArgumentNullException.ThrowIfNull(twin, nameof(IterationTwins));
            ArgumentException.ThrowIfNullOrWhiteSpace(twin.Shorter, nameof(IterationTwins));
            ArgumentException.ThrowIfNullOrWhiteSpace(twin.Longer, nameof(IterationTwins));
            if (twin.Shorter == twin.Longer)
                throw new ArgumentException($"iteration twin '{twin.Shorter}' is paired with itself.", nameof(IterationTwins));
        }
        return this;
    }
}
