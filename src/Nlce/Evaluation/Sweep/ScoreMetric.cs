namespace Nlce.Evaluation.Sweep;

/// <summary>Which per-image overlap score a report uses (NLCEN paper, Evaluation Metrics).</summary>
public enum ScoreMetric
{
    /// <summary>Dice's coefficient, DIC (eq. 7).</summary>
    Dice,

    /// <summary>Jaccard similarity coefficient, JSC (eq. 8).</summary>
    Jaccard,
}
