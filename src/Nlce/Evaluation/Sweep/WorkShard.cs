using System.Globalization;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// One of <see cref="Count"/> disjoint parts of a sweep's planned keys, for running one sweep on many GPUs or cluster nodes
/// (<c>--shard K/N</c>, K counted from 0 like Slurm array indices and Kubernetes completion indices). The partition is round-robin
/// over the sweep's ordered key list (<see cref="RobustnessSweep.PlannedKeys"/>): the key at position p belongs to shard p mod N.
/// </summary>
/// <remarks>
/// The planned list is ordered model by model, attack by attack, ε by ε, image by image, so every shard gets about 1/N of every
/// (model, attack, ε) cell: the shards take about the same time whatever the ε schedule costs, and each shard's keys of one
/// model and attack still form long runs across ε that the sweep cuts into full batches. The partition depends only on the
/// planned list, so every shard of the same sweep configuration agrees on it; since random starts are seeded per key, a key's row
/// is the same whichever shard computes it.
/// </remarks>
public sealed record WorkShard
{
    /// <param name="index">This shard, 0 ≤ <paramref name="index"/> &lt; <paramref name="count"/>.</param>
    /// <param name="count">Number of shards, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1 or the index outside [0, count).</exception>
    public WorkShard(int index, int count)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "the number of shards must be ≥ 1.");
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the shard index must be in [0, {count - 1}] (counted from 0) for {count} shard(s).");
        Index = index;
        Count = count;
    }

    /// <summary>The whole sweep: shard 0 of 1.</summary>
    public static WorkShard Whole { get; } = new(0, 1);

    /// <summary>This shard's index, from 0.</summary>
    public int Index { get; }

    /// <summary>Number of shards.</summary>
    public int Count { get; }

    /// <summary>Whether this is <see cref="Whole"/>.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>Parses <c>K/N</c> (e.g. <c>0/4</c> … <c>3/4</c>).</summary>
    /// <exception cref="ArgumentException">Not two integers separated by '/', or out of range; the message quotes the text.</exception>
    public static WorkShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new ArgumentException($"shard '{text}' is not K/N with whole numbers 0 ≤ K < N (e.g. 0/4).", nameof(text));
        if (count < 1 || index >= count)
            throw new ArgumentException($"shard '{text}': expected 0 ≤ K < N and N ≥ 1 (K counts from 0, e.g. 0/4 … 3/4).", nameof(text));
        return new WorkShard(index, count);
    }

    /// <summary>Whether the key at <paramref name="position"/> of the planned list belongs to this shard.</summary>
    public bool Contains(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        return position % Count == Index;
    }

    /// <summary>The items of <paramref name="planned"/> that belong to this shard, in their order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return planned.Where((_, position) => Contains(position)).ToArray();
    }

    /// <summary><c>K/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
