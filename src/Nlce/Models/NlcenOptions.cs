using Nlce.Models.Backbones;

namespace Nlce.Models;

/// <summary>Hyperparameters of an <see cref="Nlcen"/> (NLCEN paper, "Non-Local Context Encoding Network").</summary>
/// <param name="Backbone">ResNet-18 (the paper's choice for JSRT) or ResNet-50 (for ISBI 2016).</param>
/// <param name="Nlce">Options of the NLCE modules on E2 … E5; null = the w/o-NLCE variant (no modules).</param>
public sealed record NlcenOptions(ResNetDepth Backbone, NlceOptions? Nlce)
{
    /// <summary>The options of an ablation variant (Fig. 7), with default NLCE hyperparameters for the parts kept on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An enum argument is not a defined value.</exception>
    public static NlcenOptions For(ResNetDepth backbone, NlcenVariant variant)
    {
        var all = NlceOptions.Default;
        NlceOptions? nlce = variant switch
        {
            NlcenVariant.Full => all,
            NlcenVariant.WithoutNlce => null,
            NlcenVariant.WithoutNonLocal => all with { NonLocal = null },
            NlcenVariant.WithoutContextEncoding => all with { ContextEncoding = null },
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, $"Expected one of {string.Join(", ", Enum.GetNames<NlcenVariant>())}."),
        };
        return new NlcenOptions(backbone, nlce).Validate();
    }

    /// <summary>Which ablation variant these options describe.</summary>
    public NlcenVariant Variant => Nlce switch
    {
        null => NlcenVariant.WithoutNlce,
        { NonLocal: null } => NlcenVariant.WithoutNonLocal,
        { ContextEncoding: null } => NlcenVariant.WithoutContextEncoding,
        _ => NlcenVariant.Full,
    };

    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The backbone is not a defined <see cref="ResNetDepth"/>, or an NLCE option is out of range.</exception>
    /// <exception cref="ArgumentException">The NLCE options switch both parts off.</exception>
    public NlcenOptions Validate()
    {
        if (!Enum.IsDefined(Backbone))
            throw new ArgumentOutOfRangeException(nameof(Backbone), Backbone, $"Expected one of {string.Join(", ", Enum.GetNames<ResNetDepth>())}.");
        Nlce?.Validate();
        return this;
    }
}
