namespace Nlce.Models;

/// <summary>
/// Hyperparameters of a <see cref="NonLocalBlock"/> (NLCEN paper, eq. 1–2; Wang et al. 2018, embedded Gaussian).
/// </summary>
/// <param name="SubSample">
/// When true, φ and g are computed on a 2×2 max-pooled copy of the input (Wang et al.'s sub-sampling trick), so each
/// query attends to N′ ≈ N/4 key positions instead of N. Off by default: the paper's eq. 2 sums over all positions.
/// </param>
/// <param name="MaxAttentionElements">
/// Memory budget of the attention, in matrix elements per chunk: the batch's [N, N′] attention matrices are computed in
/// chunks of at most this many weights (whole images while one fits, else blocks of query rows; see
/// <see cref="AttentionChunkPlan"/>), and when more than one chunk is needed the backward pass recomputes each chunk
/// instead of keeping it. The attention's memory is thus a small multiple of one chunk (its scores, weights and, in the
/// backward pass, their gradients), however large the batch. The default, 2²⁴ (64 MiB in float32), is one full
/// 4096 × 4096 matrix: conv2 of a 256² input without sub-sampling, one image at a time.
/// </param>
public sealed record NonLocalOptions(bool SubSample = false, long MaxAttentionElements = 1L << 24)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxAttentionElements"/> is below 1.</exception>
    public NonLocalOptions Validate()
    {
        if (MaxAttentionElements < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxAttentionElements), MaxAttentionElements,
                "MaxAttentionElements must be ≥ 1 (an element budget for one attention chunk).");
        return this;
    }
}
