namespace Nlce.Models.Baselines;

/// <summary>Hyperparameters of <see cref="Nwcn"/>.</summary>
/// <param name="Stages">Number of cascaded sub-networks, trained one after another; 1 … 5. Default 2 (the NLCEN paper's
/// NWCN+NLCE has "two NLCE modules because it has two subnetworks").</param>
/// <param name="StemChannels">Channels of each sub-network's first (stride-2) convolution; ≥ 1. Default 32.</param>
/// <param name="ContextChannels">Channels of the second stride-2 convolution and of the atrous stack; ≥ 1. Default 64.</param>
public sealed record NwcnOptions(int Stages = 2, int StemChannels = 32, int ContextChannels = 64)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public NwcnOptions Validate()
    {
        if (Stages is < 1 or > 5)
            throw new ArgumentOutOfRangeException(nameof(Stages), Stages, "Stages must be in 1 … 5.");
        if (StemChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(StemChannels), StemChannels, "StemChannels must be ≥ 1.");
        if (ContextChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(ContextChannels), ContextChannels, "ContextChannels must be ≥ 1.");
        return this;
    }
}
