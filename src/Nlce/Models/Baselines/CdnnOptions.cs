namespace Nlce.Models.Baselines;

/// <summary>Hyperparameters of <see cref="Cdnn"/>.</summary>
/// <param name="BaseChannels">Channels of the first level; level i has BaseChannels·2^i, the centre BaseChannels·2^Depth. ≥ 1. Default 32.</param>
/// <param name="Depth">Number of 2×2 max-poolings (the total stride is 2^Depth); 1 … 6. Default 3.</param>
/// <param name="Dropout">Dropout probability after the centre block; in [0, 1). Default 0.5.</param>
public sealed record CdnnOptions(int BaseChannels = 32, int Depth = 3, double Dropout = 0.5)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public CdnnOptions Validate()
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
