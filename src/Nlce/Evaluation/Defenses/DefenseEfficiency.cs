using Nlce.Evaluation.Results;

namespace Nlce.Evaluation.Defenses;

/// <summary>
/// Defense efficiency and benign cost of one defense under one attack at one ε (issue 5 after seed 003's abstract: "the recovered
/// segmentation results of adversarial samples" while "minimizing the segmentation performance loss of benign samples"), from the
/// mean DIC of a sweep's rows.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Defense">The defense key.</param>
/// <param name="Attack">The attack.</param>
/// <param name="Epsilon">ε, intensity units.</param>
/// <param name="Images">Adversarial rows averaged.</param>
/// <param name="UndefendedCleanDice">Mean clean DIC without the defense (under the baseline key).</param>
/// <param name="DefendedCleanDice">Mean clean DIC through the defense.</param>
/// <param name="DefendedAdversarialDice">Mean DIC of the defended model on the adversarial images.</param>
public sealed record DefenseEfficiency(string Model, string Defense, string Attack, double Epsilon, int Images, double UndefendedCleanDice,
    double DefendedCleanDice, double DefendedAdversarialDice)
{
    /// <summary>Defended adversarial DIC relative to defended clean DIC (1 = the attack does no damage); NaN when the clean DIC is 0.</summary>
    public double Efficiency => DefendedCleanDice > 0 ? DefendedAdversarialDice / DefendedCleanDice : double.NaN;

    /// <summary>Clean DIC without the defense minus clean DIC with it: what the defense costs on benign images.</summary>
    public double BenignCost => UndefendedCleanDice - DefendedCleanDice;

    /// <summary>One entry per attack and ε of <paramref name="model"/> under <paramref name="defense"/>, in attack then ε order.</summary>
    /// <param name="rows">A results store's rows.</param>
    /// <param name="model">The model.</param>
    /// <param name="defense">The defense key, e.g. <c>fr+bpda</c>.</param>
    /// <param name="baseline">The key of the undefended clean rows; default <see cref="ResultKey.NoDefense"/>.</param>
    /// <exception cref="ArgumentException">No clean rows under <paramref name="defense"/> or <paramref name="baseline"/>.</exception>
    public static IReadOnlyList<DefenseEfficiency> Of(IEnumerable<ResultRow> rows, string model, string defense, string baseline = ResultKey.NoDefense)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(defense);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseline);
        var ofModel = rows.Where(row => row.Key.Model == model).ToArray();
        double CleanMean(string key)
        {
            var clean = ofModel.Where(row => row.Key.Defense == key && row.Key.Attack == ResultKey.CleanAttack).ToArray();
            return clean.Length > 0 ? clean.Average(row => row.Dice)
                : throw new ArgumentException($"no clean rows (attack '{ResultKey.CleanAttack}') of model '{model}' under defense '{key}'.", nameof(rows));
        }
        double undefended = CleanMean(baseline), defended = CleanMean(defense);
        return ofModel.Where(row => row.Key.Defense == defense && row.Key.Attack != ResultKey.CleanAttack)
            .GroupBy(row => (row.Key.Attack, row.Key.Epsilon))
            .OrderBy(group => group.Key.Attack, StringComparer.Ordinal).ThenBy(group => group.Key.Epsilon)
            .Select(group => new DefenseEfficiency(model, defense, group.Key.Attack, group.Key.Epsilon, group.Count(), undefended, defended,
                group.Average(row => row.Dice)))
            .ToArray();
    }
}
