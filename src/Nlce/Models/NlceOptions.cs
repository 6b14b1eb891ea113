namespace Nlce.Models;

/// <summary>
/// Hyperparameters of an <see cref="NlceModule"/> (NLCEN paper, "Non-Local Context Encoder"); a null part is switched
/// off, which gives the ablation variants of Fig. 7 (w/o NL, w/o CE).
/// </summary>
/// <param name="NonLocal">The non-local part (global spatial dependencies, eq. 1–2); null = w/o NL.</param>
/// <param name="ContextEncoding">The context-encoding part (global context and channel gates, eq. 3); null = w/o CE.</param>
public sealed record NlceOptions(NonLocalOptions? NonLocal, ContextEncodingOptions? ContextEncoding)
{
    /// <summary>Both parts with their default options: the NLCE module of the paper.</summary>
    public static NlceOptions Default { get; } = new(new NonLocalOptions(), new ContextEncodingOptions());

    /// <summary>
    /// These options for a model built at channel multiplier <paramref name="width"/> (<see cref="ModelConfig.Width"/>, a
    /// workbench addition): the context encoding's cap on C′ (<see cref="ContextEncodingOptions.MaxCodewordChannels"/>) is
    /// scaled like every other channel count, so a narrow model's C′ = min(C, scaled cap) shrinks with its C. Everything
    /// else, the number of codewords K included, is kept. Width 1 returns equal options.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not in (0, 4], or an option is out of range.</exception>
    /// <exception cref="ArgumentException">Both parts are off.</exception>
    public NlceOptions ForWidth(double width)
    {
        ChannelWidth.Validate(width, nameof(width));
        Validate();
        return ContextEncoding is null
            ? this
            : this with
            {
                ContextEncoding = ContextEncoding with
                {
                    MaxCodewordChannels = checked((int)ChannelWidth.Scale(ContextEncoding.MaxCodewordChannels, width)),
                },
            };
    }

    /// <summary>Throws when both parts are off (a module with no job; the w/o-NLCE model simply has no module) or a part is invalid.</summary>
    /// <exception cref="ArgumentException">Both parts are null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A part's field is out of range.</exception>
    public NlceOptions Validate()
    {
        if (NonLocal is null && ContextEncoding is null)
            throw new ArgumentException(
                $"At least one of {nameof(NonLocal)} and {nameof(ContextEncoding)} must be set; a model without NLCE has no NLCE module.",
                nameof(NonLocal));
        NonLocal?.Validate();
        ContextEncoding?.Validate();
        return this;
    }
}
