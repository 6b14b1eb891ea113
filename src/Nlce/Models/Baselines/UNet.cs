using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// U-Net (Ronneberger, Fischer and Brox, "U-Net: Convolutional Networks for Biomedical Image Segmentation", MICCAI 2015,
/// arXiv:1505.04597), one of the five baselines of the NLCEN paper (Comparison with the State of the Art), trained with
/// pixel-wise cross-entropy.
/// </summary>
/// <remarks>
/// <para>Contracting path: per level two 3×3 convolutions + ReLU, then 2×2 max-pooling; channels BaseChannels·2^i. Centre:
/// two 3×3 convolutions to BaseChannels·2^Depth, then dropout (the original's "drop-out layers at the end of the
/// contracting path"). Expanding path: 2×2 transposed convolution halving the channels, concatenation with the skip
/// feature map, two 3×3 convolutions + ReLU. Head: 1×1 convolution to the classes. He-normal initialisation (fan-in), as
/// in the paper.</para>
/// <para>Deviation: the convolutions are padded (padding 1) instead of valid, so the output has the input size and no
/// cropping is needed; batch norm is optional (<see cref="UNetOptions.BatchNorm"/>).</para>
/// <para><c>+NLCE</c>: the bottleneck module sits after the centre block (and its dropout), before the first transposed
/// convolution, on BaseChannels·2^Depth channels at 1/2^Depth of the input size.</para>
/// <para>Width (<see cref="ModelConfig.Width"/>, a workbench addition, not U-Net's): BaseChannels is multiplied by it
/// (<see cref="ChannelWidth.Scale"/>), every level keeps doubling it; width 1 is the network above.</para>
/// <para>Shape: [B, InputChannels, H, W] → [B, Classes, H, W], H and W multiples of <see cref="TotalStride"/> = 2^Depth.</para>
/// </remarks>
public sealed class UNet : SegmentationModel
{
    private readonly ModuleList<DoubleConvBlock> encoder;
    private readonly DoubleConvBlock center;
    private readonly nn.Module<Tensor, Tensor> dropout;
    private readonly nn.Module<Tensor, Tensor>? nlce;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> up;
    private readonly ModuleList<DoubleConvBlock> decoder;
    private readonly nn.Module<Tensor, Tensor> head;

    /// <summary>Builds the network.</summary>
    /// <param name="config">Name, input channels, classes and width.</param>
    /// <param name="options">Hyperparameters (validated).</param>
    /// <param name="bottleneck">Factory of the <c>+NLCE</c> module for a given channel count; null for the plain U-Net.</param>
    /// <exception cref="ArgumentException">A configuration or option field is out of range, or the factory returned null.</exception>
    public UNet(ModelConfig config, UNetOptions options, Func<long, nn.Module<Tensor, Tensor>>? bottleneck = null) : base(config)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        TotalStride = 1 << options.Depth;

        long baseChannels = ChannelWidth.Scale(options.BaseChannels, config.Width);
        long Channels(int level) => baseChannels << level;
        encoder = nn.ModuleList(Enumerable.Range(0, options.Depth)
            .Select(i => new DoubleConvBlock(i == 0 ? config.InputChannels : Channels(i - 1), Channels(i), options.BatchNorm))
            .ToArray());
        center = new DoubleConvBlock(Channels(options.Depth - 1), Channels(options.Depth), options.BatchNorm);
        dropout = nn.Dropout(options.Dropout);
        nlce = NlceSlot.Create(bottleneck, Channels(options.Depth), nameof(bottleneck));
        up = nn.ModuleList(Enumerable.Range(0, options.Depth)
            .Select(i => (nn.Module<Tensor, Tensor>)nn.ConvTranspose2d(Channels(options.Depth - i), Channels(options.Depth - i - 1), 2, stride: 2))
            .ToArray());
        decoder = nn.ModuleList(Enumerable.Range(0, options.Depth)
            .Select(i => new DoubleConvBlock(Channels(options.Depth - i), Channels(options.Depth - i - 1), options.BatchNorm))
            .ToArray());
        head = nn.Conv2d(baseChannels, config.Classes, 1);
        RegisterComponents();

        // The +NLCE module keeps the initialisation its own design prescribes.
        WeightInitialization.HeNormal(nn.init.FanInOut.FanIn, encoder, center, up, decoder, head);
    }

    /// <summary>The hyperparameters the network was built with.</summary>
    public UNetOptions Options { get; }

    /// <summary>Product of all down-sampling strides (2^Depth); input height and width must be multiples of it.</summary>
    public int TotalStride { get; }

    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.CrossEntropy;

    /// <summary>Images [B, InputChannels, H, W] in [0, 1] → logits [B, Classes, H, W].</summary>
    /// <exception cref="ArgumentException">The input shape does not fit (see <see cref="TotalStride"/>).</exception>
    public override Tensor forward(Tensor input)
    {
        BaselineInput.Validate(input, Config, TotalStride);
        using var scope = NewDisposeScope();
        var skips = new List<Tensor>(encoder.Count);
        var x = input;
        foreach (var level in encoder)
        {
            x = level.call(x);
            skips.Add(x);
            x = nn.functional.max_pool2d(x, 2);
        }
        x = NlceSlot.Apply(nlce, dropout.call(center.call(x)));
        for (int i = 0; i < decoder.Count; i++)
        {
            x = up[i].call(x);
            x = decoder[i].call(cat([skips[^(i + 1)], x], 1));
        }
        return head.call(x).MoveToOuterDisposeScope();
    }
}
