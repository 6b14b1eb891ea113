namespace Nlce.Attacks;

/// <summary>
/// The NLCEN paper's "adversarial intensity" scale (Adversarial Attacks section: ε and α on the 0–255 pixel scale).
/// Every public attack API takes ε and step sizes in these units; images live in [0, 1], so values are converted once,
/// by dividing by <see cref="FullScale"/>.
/// </summary>
public static class IntensityScale
{
    /// <summary>Intensity of a pixel at 1.0 in [0, 1] images: 255.</summary>
    public const double FullScale = 255.0;

    /// <summary>Converts intensity units (0–255 scale) to the [0, 1] image scale.</summary>
    public static double ToUnitRange(double intensity) => intensity / FullScale;

    /// <summary>Converts a size on the [0, 1] image scale to intensity units (0–255 scale).</summary>
    public static double FromUnitRange(double unit) => unit * FullScale;
}
