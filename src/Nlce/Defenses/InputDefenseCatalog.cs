using System.Globalization;

namespace Nlce.Defenses;

/// <summary>
/// Builds input defenses from their short names, as command lines and sweep files give them: <c>fr</c> (frequency refinement with
/// the released table), <c>fr:PD,AC,GD</c> (another table), <c>jpeg-qN</c> (JPEG quantisation at IJG quality N, 1–100).
/// </summary>
public static class InputDefenseCatalog
{
    /// <summary>The accepted forms, for help texts.</summary>
    public const string Forms = "fr, fr:PD,AC,GD (e.g. fr:20,5,40), jpeg-qN (N = 1–100, e.g. jpeg-q75)";

    /// <summary>The defense named <paramref name="name"/> (case-insensitive, blanks around it ignored).</summary>
    /// <exception cref="ArgumentException">An unknown form or an out-of-range value; the message lists the accepted forms.</exception>
    public static IInputDefense Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string text = name.Trim().ToLowerInvariant();
        if (text == "fr")
            return new FrequencyRefinement();
        if (text.StartsWith("fr:", StringComparison.Ordinal))
        {
            var parts = text[3..].Split(',');
            var steps = parts.Select(part => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double step) ? step : double.NaN).ToArray();
            if (steps.Length != 3 || steps.Any(step => !double.IsFinite(step) || step <= 0))
                throw new ArgumentException($"defense '{name}': fr:PD,AC,GD needs three numbers > 0, e.g. fr:30,5,60.", nameof(name));
            return new FrequencyRefinement(new FrequencyRefinementTable(steps[0], steps[1], steps[2]));
        }
        if (text.StartsWith("jpeg-q", StringComparison.Ordinal))
        {
            if (!int.TryParse(text[6..], NumberStyles.None, CultureInfo.InvariantCulture, out int quality) || quality is < 1 or > 100)
                throw new ArgumentException($"defense '{name}': the JPEG quality must be a whole number in 1–100, e.g. jpeg-q75.", nameof(name));
            return new JpegQuantization(quality);
        }
        throw new ArgumentException($"Unknown input defense '{name}'. Accepted: {Forms}.", nameof(name));
    }
}
