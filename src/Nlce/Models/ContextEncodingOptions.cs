namespace Nlce.Models;

/// <summary>
/// Hyperparameters of a <see cref="ContextEncoding"/> (NLCEN paper, eq. 3; Zhang et al., "Context Encoding for Semantic
/// Segmentation", CVPR 2018).
/// </summary>
/// <param name="Codewords">K, the number of codewords in the learned codebook (EncNet's default: 32).</param>
/// <param name="MaxCodewordChannels">
/// Upper bound on C′, the codeword dimensionality: the 1×1 projection maps C input channels to C′ = min(C, this).
/// The paper does not state C′; 512 is EncNet's width, so the bound only bites on ResNet-50's conv4/conv5 features.
/// </param>
public sealed record ContextEncodingOptions(int Codewords = 32, int MaxCodewordChannels = 512)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is below 1.</exception>
    public ContextEncodingOptions Validate()
    {
        if (Codewords < 1)
            throw new ArgumentOutOfRangeException(nameof(Codewords), Codewords, "Codewords must be ≥ 1.");
        if (MaxCodewordChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxCodewordChannels), MaxCodewordChannels, "MaxCodewordChannels must be ≥ 1.");
        return this;
    }

    /// <summary>C′ for an input of <paramref name="channels"/> channels.</summary>
    public long CodewordChannelsFor(long channels) => Math.Min(channels, MaxCodewordChannels);
}
