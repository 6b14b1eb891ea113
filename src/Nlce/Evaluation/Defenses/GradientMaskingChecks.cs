using System.Globalization;
using System.Text;
using static System.FormattableString;
using Nlce.Evaluation.Results;

namespace Nlce.Evaluation.Defenses;

/// <summary>
/// Gradient-masking checks over a sweep's rows (issue 5, "Evaluation, without fooling ourselves"; the sanity checks of Athalye,
/// Carlini and Wagner, ICML 2018, §3.1, and Carlini et al. 2019, §4): for one model and defense key, from the mean DIC per attack and
/// ε, flag (a) an ε curve that rises by more than the tolerance from a smaller ε (the clean score counts as ε = 0) to a larger one,
/// (b) a many-iteration twin that is weaker than its attack by more than the tolerance at the same ε, and (c) a transfer attack
/// from an undefended twin (rows under <c>…transfer:&lt;surrogate&gt;</c>) whose mean DIC is lower than the white-box rows' by more
/// than the tolerance at the same attack and ε. Means pool every seed and image of a condition.
/// </summary>
public static class GradientMaskingChecks
{
    private const string TransferMarker = "transfer:";

    /// <summary>The flags of every (model, defense) in <paramref name="rows"/> whose defense key is not itself a transfer key, in
    /// model, defense, check order.</summary>
    public static IReadOnlyList<GradientMaskingFlag> CheckAll(IEnumerable<ResultRow> rows, GradientMaskingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.ToArray();
        return all.Select(row => (row.Key.Model, row.Key.Defense)).Distinct()
            .Where(pair => !pair.Defense.Contains(TransferMarker, StringComparison.Ordinal))
            .OrderBy(pair => pair.Model, StringComparer.Ordinal).ThenBy(pair => pair.Defense, StringComparer.Ordinal)
            .SelectMany(pair => Check(all, pair.Model, pair.Defense, options)).ToArray();
    }

    /// <summary>The flags of <paramref name="model"/> under <paramref name="defense"/>: (a) per attack in ε order, (b) per twin and ε,
    /// (c) per transfer key, attack and ε.</summary>
    /// <param name="rows">Rows of a results store (other models and defenses are ignored, except the transfer rows of this model).</param>
    /// <param name="model">The model.</param>
    /// <param name="defense">The white-box defense key, e.g. <c>none</c>, <c>fr+bpda</c>.</param>
    /// <param name="options">Tolerance and iteration twins; null for the defaults.</param>
    /// <exception cref="ArgumentException">No row of <paramref name="model"/> under <paramref name="defense"/>, or bad options.</exception>
    public static IReadOnlyList<GradientMaskingFlag> Check(IEnumerable<ResultRow> rows, string model, string defense, GradientMaskingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(defense);
        var settings = (options ?? new GradientMaskingOptions()).Validate();
        var ofModel = rows.Where(row => row.Key.Model == model).ToArray();
        var means = Means(ofModel.Where(row => row.Key.Defense == defense));
        if (means.Count == 0)
            throw new ArgumentException($"no rows of model '{model}' under defense '{defense}'.", nameof(defense));

        var flags = new List<GradientMaskingFlag>();
        flags.AddRange(EpsilonMonotonicity(model, defense, means, settings.Tolerance));
        flags.AddRange(Iterations(model, defense, means, settings));
        foreach (string transfer in TransferKeys(ofModel, defense))
            flags.AddRange(Transfer(model, defense, means, transfer, Means(ofModel.Where(row => row.Key.Defense == transfer)), settings.Tolerance));
        return flags;
    }

    /// <summary>Writes <paramref name="flags"/> as CSV (invariant culture, header line) atomically.</summary>
    public static void WriteCsv(string path, IEnumerable<GradientMaskingFlag> flags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(flags);
        var text = new StringBuilder("model,defense,check,attack,epsilon,reference,reference_dice,dice,finding\n");
        foreach (var f in flags)
            text.Append(CultureInfo.InvariantCulture,
                $"{Csv(f.Model)},{Csv(f.Defense)},{GradientMaskingFlag.CheckName(f.Check)},{Csv(f.Attack)},{f.Epsilon:R},{Csv(f.Reference)},{f.ReferenceDice:R},{f.ObservedDice:R},{Csv(f.Sentence)}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static IEnumerable<GradientMaskingFlag> EpsilonMonotonicity(string model, string defense,
        IReadOnlyDictionary<(string Attack, double Epsilon), double> means, double tolerance)
    {
        bool hasClean = means.TryGetValue((ResultKey.CleanAttack, 0), out double clean);
        foreach (var attack in means.Keys.Select(key => key.Attack).Where(a => a != ResultKey.CleanAttack).Distinct().Order(StringComparer.Ordinal))
        {
            var curve = means.Where(entry => entry.Key.Attack == attack).OrderBy(entry => entry.Key.Epsilon).Select(entry => (entry.Key.Epsilon, Dice: entry.Value));
            (double Epsilon, double Dice)? lowest = hasClean ? (0, clean) : null;
            foreach (var point in curve)
            {
                if (lowest is { } low && point.Dice > low.Dice + tolerance)
                    yield return new GradientMaskingFlag(model, defense, GradientMaskingCheck.EpsilonNotMonotone, attack, point.Epsilon,
                        $"ε = {Format(low.Epsilon)}", low.Dice, point.Dice,
                        Invariant($"{attack}: mean DIC rises from {low.Dice:F3} at ε = {Format(low.Epsilon)} to {point.Dice:F3} at ε = {Format(point.Epsilon)}; a larger budget should not do less damage (gradient masking, or too few iterations for the larger ε)."));
                if (lowest is null || point.Dice < lowest.Value.Dice)
                    lowest = point;
            }
        }
    }

    private static IEnumerable<GradientMaskingFlag> Iterations(string model, string defense,
        IReadOnlyDictionary<(string Attack, double Epsilon), double> means, GradientMaskingOptions settings)
    {
        foreach (var twin in settings.IterationTwins)
            foreach (var ((attack, epsilon), longer) in means.Where(entry => entry.Key.Attack == twin.Longer).OrderBy(entry => entry.Key.Epsilon))
                if (means.TryGetValue((twin.Shorter, epsilon), out double shorter) && longer > shorter + settings.Tolerance)
                    yield return new GradientMaskingFlag(model, defense, GradientMaskingCheck.IterationsDoNotHelp, attack, epsilon, twin.Shorter, shorter, longer,
                        Invariant($"at ε = {Format(epsilon)}, {attack} leaves mean DIC {longer:F3}, above {twin.Shorter}'s {shorter:F3}: more iterations should not weaken an attack (gradient masking or a stalled optimiser)."));
    }

    private static IEnumerable<GradientMaskingFlag> Transfer(string model, string defense, IReadOnlyDictionary<(string Attack, double Epsilon), double> whiteBox,
        string transferKey, IReadOnlyDictionary<(string Attack, double Epsilon), double> transfer, double tolerance)
    {
        foreach (var ((attack, epsilon), transferred) in transfer.Where(entry => entry.Key.Attack != ResultKey.CleanAttack)
            .OrderBy(entry => entry.Key.Attack, StringComparer.Ordinal).ThenBy(entry => entry.Key.Epsilon))
            if (whiteBox.TryGetValue((attack, epsilon), out double direct) && transferred < direct - tolerance)
                yield return new GradientMaskingFlag(model, defense, GradientMaskingCheck.TransferBeatsWhiteBox, attack, epsilon, transferKey, direct, transferred,
                    Invariant($"at ε = {Format(epsilon)}, {attack} crafted on the surrogate ({transferKey}) leaves mean DIC {transferred:F3}, below the white-box {direct:F3}: the white-box gradients are less useful than a stand-in model's, a red flag for gradient masking."));
    }

    /// <summary>The defense keys of transfer rows that pair with <paramref name="defense"/>: <c>transfer:*</c> for <c>none</c>, else
    /// <c>D+transfer:*</c>, where D is the key itself or the key without its <c>+bpda</c>/<c>+eot</c> attacker suffix.</summary>
    private static IEnumerable<string> TransferKeys(IEnumerable<ResultRow> rows, string defense)
    {
        string transform = defense.EndsWith("+bpda", StringComparison.Ordinal) || defense.EndsWith("+eot", StringComparison.Ordinal)
            ? defense[..defense.LastIndexOf('+')] : defense;
        var prefixes = defense == ResultKey.NoDefense ? [TransferMarker] : new[] { $"{defense}+{TransferMarker}", $"{transform}+{TransferMarker}" }.Distinct().ToArray();
        return rows.Select(row => row.Key.Defense).Distinct()
            .Where(key => prefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal) && !key[prefix.Length..].Contains('+', StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
    }

    private static Dictionary<(string Attack, double Epsilon), double> Means(IEnumerable<ResultRow> rows) =>
        rows.GroupBy(row => (row.Key.Attack, row.Key.Epsilon)).ToDictionary(group => group.Key, group => group.Average(row => row.Dice));

    private static string Format(double epsilon) => epsilon.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
