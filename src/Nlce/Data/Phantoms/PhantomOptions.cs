namespace Nlce.Data.Phantoms;

/// <summary>
/// How many phantom samples a dataset holds, their square side in pixels and the seed they are rendered from.
/// Every value is checked when it is set (also through <c>with</c>), so an options object that exists is valid.
/// Defaults (200 images of 256² from seed 0) follow the preprocessing of He et al. (AAAI 2019, §4): images resized
/// to 256 × 256.
/// </summary>
public sealed record PhantomOptions
{
    /// <summary>Default number of samples.</summary>
    public const int DefaultCount = 200;

    /// <summary>Default square side in pixels.</summary>
    public const int DefaultSize = 256;

    /// <summary>Smallest side that still shows the anatomy (ribs, hairs) at a few pixels each.</summary>
    public const int MinSize = 32;

    /// <summary>Largest side; a 4096² RGB phantom already takes 200 MB of floats.</summary>
    public const int MaxSize = 4096;

    /// <summary>Largest number of samples.</summary>
    public const int MaxCount = 1_000_000;

    private readonly int count = DefaultCount;
    private readonly int size = DefaultSize;

    /// <summary>Number of samples, 1 … <see cref="MaxCount"/>.</summary>
    public int Count
    {
        get => count;
        init
        {
            if (value is < 1 or > MaxCount)
                throw new ArgumentOutOfRangeException(nameof(Count), value, $"Count must be between 1 and {MaxCount} samples.");
            count = value;
        }
    }

    /// <summary>Side of the square images in pixels, <see cref="MinSize"/> … <see cref="MaxSize"/>.</summary>
    public int Size
    {
        get => size;
        init
        {
            if (value is < MinSize or > MaxSize)
                throw new ArgumentOutOfRangeException(nameof(Size), value, $"Size must be between {MinSize} and {MaxSize} pixels.");
            size = value;
        }
    }

    /// <summary>Seed of every random choice; any value. The same seed always gives the same pixels.</summary>
    public int Seed { get; init; }
}
