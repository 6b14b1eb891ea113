namespace Nlce.Models;

/// <summary>
/// The width multiplier of <see cref="ModelConfig.Width"/>: how a model's configured channel counts become the counts it
/// is built with. This is a workbench addition, not part of the NLCEN paper or of the baselines' papers. It lets the CPU
/// smoke and quick profiles and the tests build every registered architecture with fewer channels. The rule is
/// MobileNet's width multiplier (Howard et al., "MobileNets", arXiv:1704.04861, §3.3: every layer's channels times α, so
/// cost and parameters fall roughly as α²) with counts rounded to multiples of 8.
/// </summary>
/// <remarks>
/// Each model scales only its independent base counts (a stem, a first level, a stage width) and derives the rest with
/// its own fixed ratios: channel doubling per level, ResNet's bottleneck expansion of 4, the non-local block's C/2, the
/// pyramid pooling's C/4. The architecture's ratios, and so its divisibility constraints, therefore hold at every width.
/// </remarks>
public static class ChannelWidth
{
    /// <summary>The multiplier that builds the configured (paper) widths unchanged.</summary>
    public const double Full = 1.0;

    /// <summary>The largest multiplier accepted.</summary>
    public const double Maximum = 4.0;

    /// <summary>Scaled channel counts are multiples of this, and at least this.</summary>
    public const long Divisor = 8;

    /// <summary>Returns <paramref name="width"/> when it is a multiplier in (0, <see cref="Maximum"/>].</summary>
    /// <param name="width">The multiplier.</param>
    /// <param name="parameterName">The name the error gives the value (e.g. <c>Width</c> of <see cref="ModelConfig"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The multiplier is not in (0, 4] (NaN included).</exception>
    public static double Validate(double width, string parameterName)
    {
        if (!(width > 0 && width <= Maximum))
            throw new ArgumentOutOfRangeException(parameterName, width,
                $"{parameterName} must be in (0, {Maximum}]: a channel multiplier, 1 for the configured (paper) widths.");
        return width;
    }

    /// <summary>
    /// <paramref name="channels"/> × <paramref name="width"/> rounded to the nearest multiple of <see cref="Divisor"/>
    /// (halves away from zero), and at least <see cref="Divisor"/>. At <see cref="Full"/> width the count is returned as it
    /// is, also when it is not a multiple of 8, so width 1 builds exactly the configured network.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is below 1, or <paramref name="width"/> is not in (0, 4].</exception>
    public static long Scale(long channels, double width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Validate(width, nameof(width));
        if (width == Full)
            return channels;
        long multiples = (long)Math.Round(channels * width / Divisor, MidpointRounding.AwayFromZero);
        return Math.Max(1, multiples) * Divisor;
    }
}
