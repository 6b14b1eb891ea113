namespace Nlce.Models;

/// <summary>
/// How the softmax attention of a <see cref="NonLocalBlock"/> (eq. 2) is split so that no more than a budget of
/// attention weights exists at once.
/// </summary>
/// <remarks>
/// The rule (<see cref="For"/>), for a batch of B images with N query and N′ key positions and a budget of M elements:
/// <list type="bullet">
/// <item>if one image's matrix fits (N·N′ ≤ M), whole images are processed together, ⌊M / (N·N′)⌋ of them per chunk
/// (all B when they fit);</item>
/// <item>otherwise images are processed one at a time and their query rows in blocks of ⌊M / N′⌋ rows (at least
/// one row, so a budget smaller than N′ still makes progress, one row at a time).</item>
/// </list>
/// Softmax normalises each query row over the keys, so splitting images or query rows gives exactly the unsplit
/// result. Since no chunk spans two images, the whole-batch [B, N, N′] tensor is never built when B·N·N′ &gt; M.
/// </remarks>
/// <param name="ImagesPerChunk">Images whose attention is computed together (≥ 1).</param>
/// <param name="QueriesPerChunk">Query rows per chunk (≥ 1); equals N unless one image's matrix exceeds the budget.</param>
public readonly record struct AttentionChunkPlan(long ImagesPerChunk, long QueriesPerChunk)
{
    /// <summary>The chunking for a batch of <paramref name="batch"/> images under a budget of <paramref name="maxElements"/> weights.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static AttentionChunkPlan For(long batch, long queries, long keys, long maxElements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxElements, 1);
        // queries·keys may overflow only for absurd sizes; compare through division to stay exact.
        if (queries <= maxElements / keys)
            return new AttentionChunkPlan(Math.Clamp(maxElements / (queries * keys), 1, batch), queries);
        return new AttentionChunkPlan(1, Math.Clamp(maxElements / keys, 1, queries));
    }

    /// <summary>True when the whole batch is one chunk (no splitting needed).</summary>
    public bool CoversWholeBatch(long batch, long queries) => ImagesPerChunk >= batch && QueriesPerChunk >= queries;
}
