namespace Nlce.Models.Baselines;

/// <summary>Hyperparameters of <see cref="InvertedNet"/>.</summary>
/// <param name="BaseChannels">
/// Channels of the full-resolution level; level k has BaseChannels / 2^k (the "inverted" plan: many maps at high
/// resolution, fewer after every sub-sampling). Default 256. Must be a positive multiple of 2^Depth.
/// </param>
/// <param name="Depth">Number of sub-sampling steps (the total stride is 2^Depth); 1 … 6. Default 3 (four levels).</param>
/// <param name="Dropout">Dropout probability after every convolution ("All-Dropout"); in [0, 1). Default 0.1, the rate of the public
/// re-implementation the project's reference notes cite (§3.2; Novikov et al.'s own rate is not public). With 0.5 the network did not
/// learn the phantom lungs at all: soft-Dice training stayed at the all-foreground prediction (DIC 0.44) at learning rates 1e-3 and 1e-4.</param>
public sealed record InvertedNetOptions(int BaseChannels = 256, int Depth = 3, double Dropout = 0.1)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public InvertedNetOptions Validate()
    {
        if (Depth is < 1 or > 6)
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "Depth must be in 1 … 6.");
        if (BaseChannels < 1 || BaseChannels % (1 << Depth) != 0)
            throw new ArgumentOutOfRangeException(nameof(BaseChannels), BaseChannels,
                $"BaseChannels must be a positive multiple of 2^Depth = {1 << Depth}, so that every level has whole channels.");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
        return this;
    }
}
