using Nlce.Models;

namespace Nlce.Training.Ablation;

/// <summary>
/// The registered networks of the ablation study (NLCEN paper, "Ablation Studies": NLCEN-R18 on JSRT and its three variants),
/// as the model factory <see cref="AblationProtocol.Run"/> takes.
/// </summary>
public static class AblationRegistryModels
{
    /// <summary>The registry name of each variant's ResNet-18 network.</summary>
    public static IReadOnlyDictionary<NlcenVariant, string> Names { get; } = new Dictionary<NlcenVariant, string>
    {
        [NlcenVariant.WithoutNlce] = "nlcen-r18-no-nlce",
        [NlcenVariant.WithoutNonLocal] = "nlcen-r18-no-nl",
        [NlcenVariant.WithoutContextEncoding] = "nlcen-r18-no-ce",
        [NlcenVariant.Full] = "nlcen-r18",
    };

    /// <summary>A factory building each variant from <paramref name="registry"/> for images of <paramref name="inputChannels"/> channels.</summary>
    /// <exception cref="ArgumentException">The registry lacks one of <see cref="Names"/>, or a size is out of range.</exception>
    public static Func<NlcenVariant, SegmentationModel> Factory(ModelRegistry registry, int inputChannels, int classes, double width = ChannelWidth.Full)
    {
        ArgumentNullException.ThrowIfNull(registry);
        new ModelConfig(Names[NlcenVariant.Full], inputChannels, classes, width).Validate();
        foreach (var name in Names.Values)
            registry.Find(name);
        return variant => Names.TryGetValue(variant, out var name)
            ? registry.Create(name, inputChannels, classes, width)
            : throw new ArgumentOutOfRangeException(nameof(variant), variant, $"Expected one of {string.Join(", ", Names.Keys)}.");
    }
}
