namespace Nlce.Evaluation.Defenses;

/// <summary>
/// The grid and constraint of <see cref="FrequencyRefinementSearch"/>: candidate PD × AC × GD steps (0–255 scale), the attack
/// strength ε, and the largest clean-DIC loss (without FR − with FR) a table may cost. Every value is checked by <see cref="Validate"/>.
/// </summary>
public sealed record FrequencyRefinementSearchOptions
{
    /// <summary>Candidate PD steps (each finite, &gt; 0, no repeats); default 10, 20, 30, 40.</summary>
    public IReadOnlyList<double> PdValues { get; init; } = [10, 20, 30, 40];

    /// <summary>Candidate AC steps; default 2, 5, 10.</summary>
    public IReadOnlyList<double> AcValues { get; init; } = [2, 5, 10];

    /// <summary>Candidate GD steps; default 20, 40, 60, 80.</summary>
    public IReadOnlyList<double> GdValues { get; init; } = [20, 40, 60, 80];

    /// <summary>The largest allowed mean clean-DIC loss of a table (finite, ≥ 0); default 0.02.</summary>
    public double CleanLossBudget { get; init; } = 0.02;

    /// <summary>ε of the attack, intensity units (finite, &gt; 0); default 8.</summary>
    public double Epsilon { get; init; } = 8;

    /// <summary>Seed of the attack's random choices.</summary>
    public int Seed { get; init; }

    /// <summary>Images per batch to start with (≥ 1); halved on out-of-memory errors. Default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Throws when a field is missing, out of range or repeated, naming it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public FrequencyRefinementSearchOptions Validate()
    {
        CheckSteps(PdValues, nameof(PdValues));
        CheckSteps(AcValues, nameof(AcValues));
        CheckSteps(GdValues, nameof(GdValues));
        if (!double.IsFinite(CleanLossBudget) || CleanLossBudget < 0)
            throw new ArgumentOutOfRangeException(nameof(CleanLossBudget), CleanLossBudget, "CleanLossBudget must be finite and ≥ 0 (a DIC difference).");
        if (!double.IsFinite(Epsilon) || Epsilon <= 0)
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be finite and > 0 (intensity units, 0–255 scale).");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be ≥ 1.");
        return this;
    }

    private static void CheckSteps(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0)
            throw new ArgumentException($"{name} needs at least one step.", name);
        foreach (double step in values)
            if (!double.IsFinite(step) || step <= 0)
                throw new ArgumentOutOfRangeException(name, step, $"every {name} step must be finite and > 0 (0–255 scale).");
        var repeated = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"{name} lists {repeated.Key} {repeated.Count()} times.", name);
    }
}
