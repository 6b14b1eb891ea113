using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>
/// The attention weights of one query position over all key positions (one row of softmax(θᵀφ), NLCEN eq. 1–2), for
/// teaching notebooks.
/// </summary>
/// <param name="Weights">[N′] weights summing to 1; reshape to [<paramref name="KeyHeight"/>, <paramref name="KeyWidth"/>] to draw them.</param>
/// <param name="KeyHeight">Height of the key grid (the input's, or half of it, rounded up, with sub-sampling).</param>
/// <param name="KeyWidth">Width of the key grid.</param>
public sealed record AttentionRow(Tensor Weights, long KeyHeight, long KeyWidth);
