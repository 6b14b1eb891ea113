using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// CDNN (Yuan, Chao and Lo, "Automatic Skin Lesion Segmentation Using Deep Fully Convolutional Networks With Jaccard
/// Distance", IEEE TMI 2017), one of the five baselines of the NLCEN paper (Comparison with the State of the Art): a
/// fully convolutional–deconvolutional network trained end-to-end from scratch with the Jaccard-distance loss.
/// </summary>
/// <remarks>
/// <para>What the paper states and this class follows: a 19-layer convolutional–deconvolutional network without
/// pre-training, trained with a loss based on the Jaccard distance (no class re-weighting).</para>
/// <para>Approximation (the paper's layer table is not publicly available here; this follows the project's reference
/// notes, §3.4): encoder levels of two 3×3 convolutions + batch norm + ReLU followed by 2×2 max-pooling, channels
/// BaseChannels·2^i; a centre of two such convolutions to BaseChannels·2^Depth followed by dropout; decoder levels of a
/// 2×2 stride-2 transposed convolution (deconvolution) halving the channels + batch norm + ReLU and two 3×3 convolutions +
/// batch norm + ReLU, without skip connections; a 1×1 convolution to the classes. With the default Depth 3 that is 18
/// weight layers. Yuan et al. predict one sigmoid map; here the head gives Classes logits, and
/// <see cref="Nlce.Training.Losses.JaccardDistanceLoss"/> scores the softmax foreground probability, which for two classes
/// is the sigmoid of the logit difference. He-normal initialisation.</para>
/// <para><c>+NLCE</c>: the bottleneck module sits after the centre block (and its dropout), before the first
/// deconvolution, on BaseChannels·2^Depth channels at 1/2^Depth of the input size.</para>
/// <para>Width (<see cref="ModelConfig.Width"/>, a workbench addition, not CDNN's): BaseChannels is multiplied by it
/// (<see cref="ChannelWidth.Scale"/>), every level keeps doubling it; width 1 is the network above.</para>
/// <para>Shape: [B, InputChannels, H, W] → [B, Classes, H, W], H and W multiples of <see cref="TotalStride"/> = 2^Depth.</para>
/// </remarks>
public sealed class Cdnn : SegmentationModel
{
    private readonly ModuleList<DoubleConvBlock> encoder;
    private readonly DoubleConvBlock center;
    private readonly nn.Module<Tensor, Tensor> dropout;
    private readonly nn.Module<Tensor, Tensor>? nlce;
    private readonly ModuleList<ConvBnRelu> up;
    private readonly ModuleList<DoubleConvBlock> decoder;
    private readonly nn.Module<Tensor, Tensor> head;

    /// <summary>Builds the network.</summary>
    /// <param name="config">Name, input channels, classes and width.</param>
    /// <param name="options">Hyperparameters (validated).</param>
    /// <param name="bottleneck">Factory of the <c>+NLCE</c> module for a given channel count; null for the plain CDNN.</param>
    /// <exception cref="ArgumentException">A configuration or option field is out of range, or the factory returned null.</exception>
    public Cdnn(ModelConfig config, CdnnOptions options, Func<long, nn.Module<Tensor, Tensor>>? bottleneck = null) : base(config)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        TotalStride = 1 << options.Depth;

        long baseChannels = ChannelWidth.Scale(options.BaseChannels, config.Width);
        long Channels(int level) => baseChannels << level;
        encoder = new ModuleList<DoubleConvBlock>(Enumerable.Range(0, options.Depth)
            .Select(i => new DoubleConvBlock(i == 0 ? config.InputChannels : Channels(i - 1), Channels(i), batchNorm: true))
            .ToArray());
        center = new DoubleConvBlock(Channels(options.Depth - 1), Channels(options.Depth), batchNorm: true);
        dropout = nn.Dropout(options.Dropout);
        nlce = NlceSlot.Create(bottleneck, Channels(options.Depth), nameof(bottleneck));
        up = new ModuleList<ConvBnRelu>(Enumerable.Range(0, options.Depth)
            .Select(i => ConvBnRelu.Transposed(Channels(options.Depth - i), Channels(options.Depth - i - 1)))
            .ToArray());
        decoder = new ModuleList<DoubleConvBlock>(Enumerable.Range(0, options.Depth)
            .Select(i => new DoubleConvBlock(Channels(options.Depth - i - 1), Channels(options.Depth - i - 1), batchNorm: true))
            .ToArray());
        head = nn.Conv2d(baseChannels, config.Classes, 1);
        RegisterComponents();

        // The +NLCE module keeps the initialisation its own design prescribes.
        WeightInitialization.HeNormal(nn.init.FanInOut.FanIn, encoder, center, up, decoder, head);
    }

    /// <summary>The hyperparameters the network was built with.</summary>
    public CdnnOptions Options { get; }

    /// <summary>Product of all down-sampling strides (2^Depth); input height and width must be multiples of it.</summary>
    public int TotalStride { get; }

    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.JaccardDistance;

    /// <summary>Images [B, InputChannels, H, W] in [0, 1] → logits [B, Classes, H, W].</summary>
    /// <exception cref="ArgumentException">The input shape does not fit (see <see cref="TotalStride"/>).</exception>
    public override Tensor forward(Tensor input)
    {
        BaselineInput.Validate(input, Config, TotalStride);
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var level in encoder)
            x = nn.functional.max_pool2d(level.call(x), 2);
        x = NlceSlot.Apply(nlce, dropout.call(center.call(x)));
        for (int i = 0; i < decoder.Count; i++)
            x = decoder[i].call(up[i].call(x));
        return head.call(x).MoveToOuterDisposeScope();
    }
}
