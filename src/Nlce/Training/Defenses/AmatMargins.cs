namespace Nlce.Training.Defenses;

/// <summary>How the attack on one training sample went in one batch.</summary>
/// <param name="Broken">Whether the sample became incorrect (DIC &lt; τ) at any PGD iterate inside its margin.</param>
/// <param name="BreakingSize">The size of the perturbation at the first incorrect iterate (intensity units, the margin's norm);
/// ignored when not <paramref name="Broken"/>.</param>
public sealed record MarginOutcome(bool Broken, double BreakingSize);

/// <summary>Margin statistics after one epoch of AMAT, for learning curves in notebooks.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Mean">Mean margin over the training samples after the update.</param>
/// <param name="Min">Smallest margin.</param>
/// <param name="Max">Largest margin.</param>
/// <param name="Grown">Samples that resisted and grew their margin by Δ.</param>
/// <param name="Moved">Samples that were broken and moved their margin to the running mean of their breaking sizes.</param>
public sealed record MarginEpochSummary(int Epoch, double Mean, double Min, double Max, int Grown, int Moved);

/// <summary>The margins' part of an AMAT checkpoint: everything a resumed run needs to continue exactly.</summary>
/// <param name="DiceThreshold">τ in use.</param>
/// <param name="Margins">E_i per training sample (by index in the training set).</param>
/// <param name="BreakingSizeMeans">Running mean of each sample's breaking sizes; null where it never broke.</param>
/// <param name="History">One summary per finished epoch.</param>
public sealed record AmatState(double DiceThreshold, double[] Margins, double?[] BreakingSizeMeans, IReadOnlyList<MarginEpochSummary> History);

/// <summary>
/// The per-sample margin bookkeeping of AMAT (seed 004; reference notes §2, "End of each epoch"). Every sample i starts at
/// E_i = Δ. During an epoch the attack's outcome on each sample is recorded; a broken sample folds the perturbation size that
/// broke it into a running mean m_i ← (m_i + s)/2 (the first break sets m_i = s). At the end of the epoch a sample that resisted
/// grows E_i ← E_i + Δ, a broken one moves E_i ← m_i, a sample not seen keeps E_i, and every margin is clamped to [0, E_max].
/// </summary>
/// <remarks>
/// The authors' nnU-Net script counts every clean sample as correct (threshold DIC ≥ 0 on the clean input), so there is no
/// "clean sample already wrong" branch here; IMA's reset to Δ for such samples is not part of AMAT's segmentation code.
/// </remarks>
public sealed class AmatMargins
{
    private readonly double delta;
    private readonly double maxMargin;
    private readonly double[] margins;
    private readonly double?[] breakingMeans;
    private readonly bool?[] brokenThisEpoch;
    private readonly List<MarginEpochSummary> history;

    /// <summary>Fresh margins: E_i = Δ for each of <paramref name="samples"/> training samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No samples, Δ not &gt; 0, or E_max &lt; Δ.</exception>
    public AmatMargins(int samples, double delta, double maxMargin)
        : this(Enumerable.Repeat(delta, CheckSamples(samples)).ToArray(), new double?[samples], [], delta, maxMargin)
    {
    }

    private AmatMargins(double[] margins, double?[] breakingMeans, IEnumerable<MarginEpochSummary> history, double delta, double maxMargin)
    {
        if (!double.IsFinite(delta) || delta <= 0)
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Δ must be finite and > 0.");
        if (!double.IsFinite(maxMargin) || maxMargin < delta)
            throw new ArgumentOutOfRangeException(nameof(maxMargin), maxMargin, $"E_max must be finite and ≥ Δ ({delta}).");
        this.delta = delta;
        this.maxMargin = maxMargin;
        this.margins = margins;
        this.breakingMeans = breakingMeans;
        brokenThisEpoch = new bool?[margins.Length];
        this.history = [.. history];
    }

    /// <summary>
    /// Margins restored from a checkpoint's <paramref name="state"/>; throws <see cref="ArgumentException"/> naming the field when
    /// it does not fit <paramref name="samples"/> samples or [0, E_max].
    /// </summary>
    public static AmatMargins Restore(AmatState state, int samples, double delta, double maxMargin)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Margins is null || state.Margins.Length != samples)
            throw new ArgumentException($"holds {state.Margins?.Length ?? 0} margins but the training set has {samples} samples.", nameof(state.Margins));
        if (state.BreakingSizeMeans is null || state.BreakingSizeMeans.Length != samples)
            throw new ArgumentException(
                $"holds {state.BreakingSizeMeans?.Length ?? 0} running means but the training set has {samples} samples.", nameof(state.BreakingSizeMeans));
        int bad = Array.FindIndex(state.Margins, m => !(m >= 0 && m <= maxMargin));
        if (bad >= 0)
            throw new ArgumentException($"margin [{bad}] = {state.Margins[bad]}; every margin must lie in [0, E_max = {maxMargin}].", nameof(state.Margins));
        ArgumentNullException.ThrowIfNull(state.History, nameof(state.History));
        return new AmatMargins([.. state.Margins], [.. state.BreakingSizeMeans], state.History, delta, maxMargin);
    }

    /// <summary>Number of training samples.</summary>
    public int Count => margins.Length;

    /// <summary>E_i of every sample (intensity units).</summary>
    public IReadOnlyList<double> Margins => margins;

    /// <summary>One summary per finished epoch.</summary>
    public IReadOnlyList<MarginEpochSummary> History => history;

    /// <summary>The random-start radius of sample <paramref name="sample"/>: max(E_i − Δ, Δ) (the authors' rand-init radius).</summary>
    public double RandomStartRadius(int sample) => Math.Max(margins[sample] - delta, delta);

    /// <summary>Records the attack's outcome on <paramref name="sample"/> in the current epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a training sample, or a breaking size is negative or not finite.</exception>
    public void Record(int sample, MarginOutcome outcome)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, Count);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.Broken)
        {
            brokenThisEpoch[sample] ??= false;
            return;
        }
        if (!double.IsFinite(outcome.BreakingSize) || outcome.BreakingSize < 0)
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome.BreakingSize, "a breaking size must be finite and ≥ 0.");
        brokenThisEpoch[sample] = true;
        breakingMeans[sample] = breakingMeans[sample] is double mean ? (mean + outcome.BreakingSize) / 2 : outcome.BreakingSize;
    }

    /// <summary>Applies the end-of-epoch update to every margin, clamps to [0, E_max], and returns (and keeps) the epoch's summary.</summary>
    public MarginEpochSummary EndEpoch(int epoch)
    {
        int grown = 0, moved = 0;
        for (int i = 0; i < Count; i++)
        {
            switch (brokenThisEpoch[i])
            {
                case false:
                    margins[i] += delta;
                    grown++;
                    break;
                case true:
                    margins[i] = breakingMeans[i]!.Value;
                    moved++;
                    break;
            }
            margins[i] = Math.Clamp(margins[i], 0, maxMargin);
            brokenThisEpoch[i] = null;
        }
        var summary = new MarginEpochSummary(epoch, margins.Average(), margins.Min(), margins.Max(), grown, moved);
        history.Add(summary);
        return summary;
    }

    /// <summary>The state to checkpoint after <see cref="EndEpoch"/>, with the threshold in use.</summary>
    /// <exception cref="InvalidOperationException">Outcomes of an unfinished epoch are pending.</exception>
    public AmatState State(double diceThreshold)
    {
        if (brokenThisEpoch.Any(b => b is not null))
            throw new InvalidOperationException("an epoch's outcomes are pending; call EndEpoch before saving the margins.");
        return new AmatState(diceThreshold, [.. margins], [.. breakingMeans], [.. history]);
    }

    private static int CheckSamples(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        return samples;
    }
}
