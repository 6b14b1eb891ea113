namespace Nlce.Data.Phantoms;

/// <summary>
/// The fixed split of the phantom datasets, 70 % train / 10 % val / 20 % test, decided by the sample index alone:
/// index mod 10 in 0–6 → <see cref="DatasetSplit.Train"/>, 7 → <see cref="DatasetSplit.Val"/>, 8–9 →
/// <see cref="DatasetSplit.Test"/>. Because the rule does not depend on the sample count, growing a dataset never
/// moves an existing sample to another split; for counts that are multiples of 10 the proportions are exact
/// (200 samples → 140 / 20 / 40).
/// </summary>
public static class PhantomSplitRule
{
    /// <summary>Split of the sample with index <paramref name="index"/> (≥ 0).</summary>
    public static DatasetSplit SplitOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return (index % 10) switch
        {
            < 7 => DatasetSplit.Train,
            7 => DatasetSplit.Val,
            _ => DatasetSplit.Test,
        };
    }
}
