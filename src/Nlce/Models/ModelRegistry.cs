using System.Collections.Immutable;
using Nlce.Models.Backbones;
using Nlce.Models.Baselines;

namespace Nlce.Models;

/// <summary>
/// Builds any registered segmentation network by name (NLCEN and its ablation variants; the baselines and their
/// <c>+nlce</c> variants are added as one entry each). An immutable table: <see cref="With"/> returns a new registry.
/// </summary>
public sealed class ModelRegistry
{
    private readonly ImmutableArray<ModelEntry> entries;

    private ModelRegistry(ImmutableArray<ModelEntry> entries)
    {
        var duplicate = entries.GroupBy(entry => entry.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Model name '{duplicate.Key}' is registered {duplicate.Count()} times.", nameof(entries));
        this.entries = entries;
    }

    /// <summary>The built-in models (NLCEN paper: "Comparison with the State of the Art", "Ablation Studies").</summary>
    public static ModelRegistry Default { get; } = new(
    [
        Nlcen("nlcen-r18", ResNetDepth.ResNet18, NlcenVariant.Full,
            "NLCEN with a ResNet-18 backbone (the paper's model for JSRT lungs)"),
        Nlcen("nlcen-r50", ResNetDepth.ResNet50, NlcenVariant.Full,
            "NLCEN with a ResNet-50 backbone (the paper's model for ISBI 2016 skin lesions)"),
        Nlcen("nlcen-r18-no-nlce", ResNetDepth.ResNet18, NlcenVariant.WithoutNlce,
            "NLCEN-R18 without NLCE modules (ablation, Fig. 7 'w/o NLCE')"),
        Nlcen("nlcen-r18-no-nl", ResNetDepth.ResNet18, NlcenVariant.WithoutNonLocal,
            "NLCEN-R18 without the non-local part of NLCE (ablation, Fig. 7 'w/o NL')"),
        Nlcen("nlcen-r18-no-ce", ResNetDepth.ResNet18, NlcenVariant.WithoutContextEncoding,
            "NLCEN-R18 without the context-encoding part of NLCE (ablation, Fig. 7 'w/o CE')"),
        .. Baseline("unet", "U-Net (Ronneberger et al. 2015)", (c, b) => BaselineFactory.CreateUNet(c, b)),
        .. Baseline("invertednet", "InvertedNet (Novikov et al. 2018), soft-Dice loss", (c, b) => BaselineFactory.CreateInvertedNet(c, b)),
        .. Baseline("nwcn", "NWCN (Hwang and Park 2017), network-wise multi-stage training", (c, b) => BaselineFactory.CreateNwcn(c, b)),
        .. Baseline("cdnn", "CDNN (Yuan et al. 2017), Jaccard-distance loss", (c, b) => BaselineFactory.CreateCdnn(c, b)),
        .. Baseline("slsdeep", "SLSDeep (Sarker et al. 2018), NLL + end-point-error loss", (c, b) => BaselineFactory.CreateSlsDeep(c, b)),
    ]);

    /// <summary>The registered models in registration order.</summary>
    public IReadOnlyList<ModelEntry> Entries => entries;

    /// <summary>The registered names in registration order.</summary>
    public IEnumerable<string> Names => entries.Select(entry => entry.Name);

    /// <summary>A registry with <paramref name="added"/> appended.</summary>
    /// <exception cref="ArgumentException">An entry is invalid or a name is already registered.</exception>
    public ModelRegistry With(params ModelEntry[] added)
    {
        ArgumentNullException.ThrowIfNull(added);
        return new ModelRegistry(entries.AddRange(added.Select(entry => entry.Validate())));
    }

    /// <summary>The entry called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such model; the message suggests the closest name and lists all.</exception>
    public ModelEntry Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string wanted = name.Trim().ToLowerInvariant();
        var entry = entries.FirstOrDefault(e => e.Name == wanted);
        if (entry is not null)
            return entry;
        throw new ArgumentException(
            $"Unknown model '{name}'.{NameSuggestions.DidYouMean(wanted, Names)} Registered models: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>
    /// Builds the model called <paramref name="name"/> for images with <paramref name="inputChannels"/> channels and
    /// <paramref name="classes"/> classes, its channel counts multiplied by <paramref name="width"/> (1 = the paper's widths;
    /// see <see cref="ModelConfig.Width"/>, a workbench addition).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, or a size or the width out of range.</exception>
    public SegmentationModel Create(string name, int inputChannels, int classes, double width = ChannelWidth.Full)
    {
        var entry = Find(name);
        return entry.Factory(new ModelConfig(entry.Name, inputChannels, classes, width).Validate());
    }

    /// <summary>Rebuilds a model from the configuration saved beside its checkpoint (width included).</summary>
    /// <exception cref="ArgumentException">Unknown name, or a size or the width out of range.</exception>
    public SegmentationModel Create(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Create(config.Name, config.InputChannels, config.Classes, config.Width);
    }

    /// <summary>
    /// A baseline and its <c>+nlce</c> variant: one NLCE module between the last down-sampling and the first up-sampling layer (two
    /// for NWCN, one per sub-network) — NLCEN paper, "Generalization". The module's codeword cap follows the model's width.
    /// </summary>
    private static ModelEntry[] Baseline(string name, string description,
        Func<ModelConfig, Func<long, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>>?, SegmentationModel> create) =>
    [
        new ModelEntry(name, description, config => create(config, null)).Validate(),
        new ModelEntry(name + "+nlce", description + " with NLCE", config => create(config, NlceModule.Factory(NlceOptions.Default.ForWidth(config.Width)))).Validate(),
    ];

    private static ModelEntry Nlcen(string name, ResNetDepth backbone, NlcenVariant variant, string description) =>
        new ModelEntry(name, description, config => new Nlcen(config, NlcenOptions.For(backbone, variant))).Validate();
}
