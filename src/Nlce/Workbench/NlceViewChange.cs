namespace Nlce.Workbench;

/// <summary>
/// How much one NLCE module's internals moved between a clean and an adversarial input (notebook 01): the attention of the
/// same query, the codeword assignment, and the channel gates γ. Parts the module lacks are null.
/// </summary>
/// <param name="AttentionShift">Total-variation distance ½ Σ |a_clean − a_adv| between the two attention rows (0 same, 1 disjoint).</param>
/// <param name="CodewordAgreement">Fraction of positions whose winning codeword is the same on both inputs.</param>
/// <param name="MeanGateChange">Mean |γ_clean − γ_adv| over channels.</param>
/// <param name="MaxGateChange">Largest |γ_clean − γ_adv| over channels.</param>
public sealed record NlceViewChange(double? AttentionShift, double? CodewordAgreement, double? MeanGateChange, double? MaxGateChange)
{
    /// <summary>Compares two views of the same level and query position.</summary>
    /// <exception cref="ArgumentException">The views are of different levels, sizes or query positions.</exception>
    public static NlceViewChange Between(NlceLevelView clean, NlceLevelView adversarial)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(adversarial);
        if (clean.Level != adversarial.Level || clean.Height != adversarial.Height || clean.Width != adversarial.Width
            || clean.QueryRow != adversarial.QueryRow || clean.QueryColumn != adversarial.QueryColumn)
            throw new ArgumentException(
                $"the views differ: level {clean.Level} vs {adversarial.Level}, {clean.Width}×{clean.Height} vs {adversarial.Width}×{adversarial.Height}, " +
                $"query ({clean.QueryRow}, {clean.QueryColumn}) vs ({adversarial.QueryRow}, {adversarial.QueryColumn}); compare views of one level and query.",
                nameof(adversarial));
        double? shift = clean.Attention is { } a && adversarial.Attention is { } b
            ? 0.5 * a.Weights.Zip(b.Weights, (x, y) => (double)Math.Abs(x - y)).Sum()
            : null;
        double? agreement = clean.Codewords is { } c && adversarial.Codewords is { } d
            ? c.Assignment.Zip(d.Assignment, (x, y) => x == y ? 1.0 : 0.0).Average()
            : null;
        var gateChanges = clean.Gates is { } g && adversarial.Gates is { } h ? g.Zip(h, (x, y) => Math.Abs(x - y)).ToList() : null;
        return new NlceViewChange(shift, agreement, gateChanges?.Average(), gateChanges?.Max());
    }
}
