namespace Nlce.Attacks;

/// <summary>
/// Hyperparameters of <see cref="Asma"/>. Defaults are those of the ASMA authors' released code (Ozbulak, Van Messem and
/// De Neve, MICCAI 2019): 2501 iterations, τ = 1e-7, β = 1e-6. The multiplier acts on raw logit gradients, so a good scale
/// depends on the model and the image size.
/// </summary>
public sealed record AsmaOptions
{
    /// <summary>Iterations (≥ 0); default 2501.</summary>
    public int Iterations { get; init; } = 2501;

    /// <summary>τ, the dynamic perturbation multiplier's floor: m = β·IoU + τ (&gt; 0); default 1e-7.</summary>
    public double Tau { get; init; } = 1e-7;

    /// <summary>β, the multiplier's growth with the IoU between prediction and target (≥ 0); default 1e-6.</summary>
    public double Beta { get; init; } = 1e-6;

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public AsmaOptions Validate()
    {
        if (Iterations < 0)
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be ≥ 0.");
        if (!double.IsFinite(Tau) || Tau <= 0)
            throw new ArgumentOutOfRangeException(nameof(Tau), Tau, "Tau must be finite and > 0.");
        if (!double.IsFinite(Beta) || Beta < 0)
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "Beta must be finite and ≥ 0.");
        return this;
    }
}
