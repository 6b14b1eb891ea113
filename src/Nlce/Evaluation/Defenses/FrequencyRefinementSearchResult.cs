using System.Globalization;
using System.Text;
using System.Text.Json;
using Nlce.Defenses;

namespace Nlce.Evaluation.Defenses;

/// <summary>One candidate table's scores on the validation images.</summary>
/// <param name="Table">The band steps.</param>
/// <param name="CleanDice">Mean DIC on FR(clean images): the benign side.</param>
/// <param name="AdversarialDice">Mean DIC on FR(adversarial images): the defense efficiency (seed 003's "recovered segmentation").</param>
/// <param name="CleanLoss">Mean clean DIC without FR minus <paramref name="CleanDice"/>.</param>
/// <param name="WithinBudget">Whether <paramref name="CleanLoss"/> ≤ the budget.</param>
public sealed record FrequencyRefinementCandidate(FrequencyRefinementTable Table, double CleanDice, double AdversarialDice, double CleanLoss, bool WithinBudget);

/// <summary>Progress of a <see cref="FrequencyRefinementSearch"/>: images attacked and scored under every candidate so far.</summary>
/// <param name="Done">Images done.</param>
/// <param name="Total">Images in all.</param>
/// <param name="Item">The last image of the finished batch.</param>
public sealed record FrequencyRefinementSearchProgress(int Done, int Total, string Item);

/// <summary>
/// What <see cref="FrequencyRefinementSearch"/> found: the undefended clean and adversarial mean DIC, every candidate's two numbers,
/// and the chosen table (highest FR-adversarial DIC among the tables within the clean-loss budget; null when none is).
/// </summary>
/// <param name="Model">The model's name.</param>
/// <param name="Attack">The attack's registry name.</param>
/// <param name="Epsilon">ε, intensity units.</param>
/// <param name="CleanLossBudget">The budget.</param>
/// <param name="Images">Validation images scored.</param>
/// <param name="CleanDice">Mean DIC on clean images without FR.</param>
/// <param name="AdversarialDice">Mean DIC on adversarial images without FR.</param>
/// <param name="Candidates">Every table of the grid, in PD, AC, GD order.</param>
/// <param name="Chosen">The chosen candidate, or null when no table keeps the clean loss within the budget.</param>
public sealed record FrequencyRefinementSearchResult(string Model, string Attack, double Epsilon, double CleanLossBudget, int Images,
    double CleanDice, double AdversarialDice, IReadOnlyList<FrequencyRefinementCandidate> Candidates, FrequencyRefinementCandidate? Chosen)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Writes one line per candidate (pd, ac, gd, clean_dice, adversarial_dice, clean_loss, within_budget, chosen) atomically.</summary>
    public void WriteCsv(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = new StringBuilder("pd,ac,gd,clean_dice,adversarial_dice,clean_loss,within_budget,chosen\n");
        foreach (var c in Candidates)
            text.Append(CultureInfo.InvariantCulture,
                $"{c.Table.Pd:R},{c.Table.Ac:R},{c.Table.Gd:R},{c.CleanDice:R},{c.AdversarialDice:R},{c.CleanLoss:R},{(c.WithinBudget ? "true" : "false")},{(c == Chosen ? "true" : "false")}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes the whole result (settings, undefended scores, candidates, choice) as indented camel-case JSON atomically.</summary>
    public void WriteJson(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
