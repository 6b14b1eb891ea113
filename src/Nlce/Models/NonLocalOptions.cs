namespace Nlce.Models;

/// <summary>
/// Hyperparameters of a <see cref="NonLocalBlock"/> (NLCEN paper, eq. 1–2; Wang et al. 2018, embedded Gaussian).
/// </summary>
/// <param name="SubSample">
/// When true, φ and g are computed on a 2×2 max-pooled copy of the input (Wang et al.'s sub-sampling trick), so each
/// query attends to N′ ≈ N/4 key positions instead of N. Off by default: the paper's eq. 2 sums over all positions.
/// </param>
/// <param name="MaxAttentionElements">
/// Memory budget of the attention computation in matrix elements: at most this many attention weights (a slice of the
/// [N, N′] matrix of one or more images) exist at a time, in the forward pass and in the backward pass, which recomputes
/// them instead of keeping them (see <see cref="AttentionChunkPlan"/>). The default, 2²⁴, is 64 MiB in float32: one
/// full 4096 × 4096 attention matrix (conv2 of a 256² input without sub-sampling).
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
