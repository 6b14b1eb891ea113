namespace Nlce.Data.Manifests;

/// <summary>Which reader opens a dataset (schema: <c>layout.kind</c>).</summary>
public enum DatasetLayoutKind
{
    /// <summary>JSRT <c>.IMG</c> radiographs with SCR GIF lung masks.</summary>
    Jsrt,

    /// <summary>ISBI 2016 ISIC Part 1 JPEG images with PNG masks.</summary>
    Isbi2016,

    /// <summary>Generic <c>images/</c> + <c>masks/</c> folder.</summary>
    Folder,

    /// <summary>NIfTI-1 volumes sliced into 2D samples.</summary>
    Nifti,

    /// <summary>Synthetic images generated in memory from a seed.</summary>
    Phantom,
}

/// <summary>Default parameters of a generated dataset (schema: <c>layout.generator</c>).</summary>
public sealed record PhantomGeneratorDefaults
{
    /// <param name="count">Number of samples, at least 1.</param>
    /// <param name="size">Side of the square images in pixels, at least 32.</param>
    /// <param name="seed">Seed every sample is derived from.</param>
    public PhantomGeneratorDefaults(int count, int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 32);
        Count = count;
        Size = size;
        Seed = seed;
    }

    public int Count { get; }

    public int Size { get; }

    public int Seed { get; }
}

/// <summary>
/// How a dataset's files are arranged and which reader opens them (schema: <c>layout</c>). A phantom layout carries its
/// generator defaults; every other kind must not.
/// </summary>
public sealed record DatasetLayout
{
    public DatasetLayout(DatasetLayoutKind kind, string description, PhantomGeneratorDefaults? generator = null)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kind must be one of {string.Join(", ", Enum.GetNames<DatasetLayoutKind>())}.");
        if (kind == DatasetLayoutKind.Phantom && generator is null)
            throw new ArgumentException("generator is required when layout kind is phantom.", nameof(generator));
        if (kind != DatasetLayoutKind.Phantom && generator is not null)
            throw new ArgumentException($"generator is only allowed when layout kind is phantom, not {kind}.", nameof(generator));
        Kind = kind;
        Description = ManifestRules.RequireText(description, nameof(description));
        Generator = generator;
    }

    public DatasetLayoutKind Kind { get; }

    public string Description { get; }

    public PhantomGeneratorDefaults? Generator { get; }
}
