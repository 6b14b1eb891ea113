namespace Nlce.Attacks;

/// <summary>Hyperparameters of <see cref="Eot"/>.</summary>
public sealed record EotOptions
{
    /// <summary>Draws of the random transform averaged per gradient and per prediction (≥ 1); default 10.</summary>
    public int Samples { get; init; } = 10;

    /// <summary>Whether each draw's backward pass is the identity (BPDA), for transforms that are not differentiable; default false
    /// (differentiate through the transform).</summary>
    public bool StraightThrough { get; init; }

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public EotOptions Validate()
    {
        if (Samples < 1)
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "Samples must be ≥ 1.");
        return this;
    }
}
