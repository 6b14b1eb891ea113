namespace Nlce.Models.Baselines;

/// <summary>Hyperparameters of <see cref="UNet"/>; defaults are Ronneberger et al.'s (64 base channels, 4 poolings).</summary>
/// <param name="BaseChannels">Channels of the first level; level i has BaseChannels·2^i, the centre BaseChannels·2^Depth. ≥ 1.</param>
/// <param name="Depth">Number of 2×2 max-poolings (the total stride is 2^Depth); 1 … 6.</param>
/// <param name="BatchNorm">Batch norm after every convolution (not in the original; a common addition for training from scratch).</param>
/// <param name="Dropout">Dropout probability at the end of the contracting path (the original's only dropout); in [0, 1).</param>
public sealed record UNetOptions(int BaseChannels = 64, int Depth = 4, bool BatchNorm = false, double Dropout = 0.5)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public UNetOptions Validate()
    {
        if (BaseChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(BaseChannels), BaseChannels, "BaseChannels must be ≥ 1.");
        if (Depth is < 1 or > 6)
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "Depth must be in 1 … 6.");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
        return this;
    }
}
