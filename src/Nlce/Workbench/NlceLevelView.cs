namespace Nlce.Workbench;

/// <summary>
/// One row of the non-local attention (NLCEN eq. 1–2): how strongly the query position attends to every key position.
/// </summary>
/// <param name="Weights">Row-major [<paramref name="KeyHeight"/> × <paramref name="KeyWidth"/>] weights summing to 1.</param>
/// <param name="KeyHeight">Height of the key grid (the feature map's, or about half of it when the block sub-samples its keys).</param>
/// <param name="KeyWidth">Width of the key grid.</param>
/// <param name="QueryKeyRow">The query position's row in the key grid (for marking it on the map).</param>
/// <param name="QueryKeyColumn">The query position's column in the key grid.</param>
public sealed record AttentionMapView(IReadOnlyList<float> Weights, int KeyHeight, int KeyWidth, int QueryKeyRow, int QueryKeyColumn);

/// <summary>
/// The context encoding's soft assignment (NLCEN eq. 3: a_ik = exp(−s_k‖r_ik‖²)/R(e_i)) summarised per position.
/// </summary>
/// <param name="Assignment">Row-major codeword index with the largest weight at each position.</param>
/// <param name="Confidence">Row-major largest weight at each position (1/K = undecided, 1 = one codeword takes all).</param>
/// <param name="Codewords">K, the number of codewords.</param>
public sealed record CodewordMapView(IReadOnlyList<int> Assignment, IReadOnlyList<float> Confidence, int Codewords)
{
    /// <summary>How many distinct codewords win at least one position.</summary>
    public int CodewordsInUse => Assignment.Distinct().Count();
}

/// <summary>
/// What the NLCE module attached to one backbone level (conv2 … conv5, NLCEN Fig. 3) does with one image: the attention of a
/// chosen position, the codeword assignment of every position and the channel gates γ = sigmoid(W_γ e).
/// </summary>
/// <param name="Level">2 … 5 for conv2 … conv5.</param>
/// <param name="Height">Feature-map height at this level.</param>
/// <param name="Width">Feature-map width at this level.</param>
/// <param name="Channels">Feature channels C at this level.</param>
/// <param name="QueryRow">The chosen position's row in the feature map.</param>
/// <param name="QueryColumn">The chosen position's column in the feature map.</param>
/// <param name="Attention">The chosen position's attention row; null when the module has no non-local part (w/o NL).</param>
/// <param name="Codewords">The codeword assignment; null when the module has no context-encoding part (w/o CE).</param>
/// <param name="Gates">γ, one value in (0, 1) per channel; null without the context-encoding part.</param>
public sealed record NlceLevelView(int Level, int Height, int Width, int Channels, int QueryRow, int QueryColumn,
    AttentionMapView? Attention, CodewordMapView? Codewords, IReadOnlyList<double>? Gates);
