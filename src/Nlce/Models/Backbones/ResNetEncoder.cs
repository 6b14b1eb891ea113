using TorchSharp.Modules;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Models.Backbones;

/// <summary>
/// ResNet-18 / ResNet-50 feature encoder (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016, Table 1)
/// returning the outputs of the last residual block of conv2, conv3, conv4 and conv5, the maps NLCEN attaches its NLCE
/// modules to (NLCEN paper, Fig. 3).
/// </summary>
/// <remarks>
/// Stem: 7×7 convolution with stride 2 from any number of input channels, batch norm, ReLU, 3×3 max-pool with stride 2;
/// then four stages of basic (ResNet-18: [2, 2, 2, 2]) or bottleneck (ResNet-50: [3, 4, 6, 3]) blocks. Levels (the
/// <see cref="IFeatureEncoder"/> contract): conv2, conv3, conv4, conv5 at strides 4, 8, 16, 32 with 64, 128, 256, 512
/// channels (ResNet-18) or 256, 512, 1024, 2048 (ResNet-50). Field names follow torchvision (<c>conv1</c>, <c>bn1</c>,
/// <c>layer1</c> … <c>layer4</c>), so its ImageNet weights load except for <c>conv1</c> when the input is not RGB.
/// Convolutions start from He-normal weights (fan-out, ReLU), batch norms from weight 1 and bias 0, as torchvision's.
/// A width multiplier (a workbench addition, not ResNet's or NLCEN's) scales the stem's 64 channels by
/// <see cref="ChannelWidth.Scale"/>; the stage widths stay the stem's 1, 2, 4, 8 multiples and ResNet-50's expansion stays 4.
/// </remarks>
public sealed class ResNetEncoder : nn.Module<Tensor, IReadOnlyList<Tensor>>, IFeatureEncoder
{
    private const long PaperStemChannels = 64;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    /// <summary>Creates the encoder for images with <paramref name="inputChannels"/> channels.</summary>
    /// <param name="depth">ResNet-18 or ResNet-50.</param>
    /// <param name="inputChannels">Channels of the input images.</param>
    /// <param name="width">Channel multiplier in (0, 4] (<see cref="ModelConfig.Width"/>); 1 builds ResNet's widths.</param>
    /// <exception cref="ArgumentOutOfRangeException">The depth is not a <see cref="ResNetDepth"/> value, the channel count is below 1 or the width is not in (0, 4].</exception>
    public ResNetEncoder(ResNetDepth depth, long inputChannels, double width = ChannelWidth.Full) : base(nameof(ResNetEncoder))
    {
        if (!Enum.IsDefined(depth))
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"Expected one of {string.Join(", ", Enum.GetNames<ResNetDepth>())}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        Depth = depth;
        InputChannels = inputChannels;
        StemChannels = ChannelWidth.Scale(PaperStemChannels, width);
        conv1 = nn.Conv2d(inputChannels, StemChannels, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(StemChannels);
        HeInitialisation.Apply(conv1);
        int[] blocks = depth == ResNetDepth.ResNet18 ? [2, 2, 2, 2] : [3, 4, 6, 3];
        int expansion = depth == ResNetDepth.ResNet18 ? 1 : 4;
        var stages = new Sequential[4];
        long channels = StemChannels;
        for (int stage = 0; stage < 4; stage++)
        {
            long blockWidth = StageWidth(stage);
            long outChannels = blockWidth * expansion;
            var stageBlocks = new List<nn.Module<Tensor, Tensor>>();
            for (int block = 0; block < blocks[stage]; block++)
            {
                long stride = stage > 0 && block == 0 ? 2 : 1;
                stageBlocks.Add(expansion == 1
                    ? new BasicBlock(channels, outChannels, stride)
                    : new BottleneckBlock(channels, blockWidth, outChannels, stride));
                channels = outChannels;
            }
            stages[stage] = nn.Sequential(stageBlocks);
        }
        (layer1, layer2, layer3, layer4) = (stages[0], stages[1], stages[2], stages[3]);
        Levels = Enumerable.Range(0, 4)
            .Select(stage => new FeatureLevel($"conv{stage + 2}", StageWidth(stage) * expansion, 4 << stage))
            .ToArray();
        RegisterComponents();
    }

    /// <summary>The ResNet variant.</summary>
    public ResNetDepth Depth { get; }

    /// <summary>Channels of the input images.</summary>
    public long InputChannels { get; }

    /// <summary>Channels of the stem convolution: 64 at width 1; stage s has blocks of width StemChannels·2^s.</summary>
    public long StemChannels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<FeatureLevel> Levels { get; }

    /// <inheritdoc/>
    public int TotalStride => Levels[^1].Stride;

    /// <inheritdoc/>
    public IReadOnlyList<Tensor> Encode(Tensor input) => call(input);

    /// <summary>The conv2 … conv5 feature maps of <paramref name="input"/> [B, C_in, H, W].</summary>
    /// <exception cref="ArgumentException">The input is not [B, C_in, H, W].</exception>
    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        ShapeGuard.RequireFeatureMap(input, InputChannels, nameof(input));
        using var scope = NewDisposeScope();
        var stem = nn.functional.max_pool2d(nn.functional.relu(bn1.call(conv1.call(input))), kernel_size: 3, stride: 2, padding: 1);
        var conv2 = layer1.call(stem);
        var conv3 = layer2.call(conv2);
        var conv4 = layer3.call(conv3);
        var conv5 = layer4.call(conv4);
        Tensor[] levels = [conv2, conv3, conv4, conv5];
        scope.MoveToOuter(levels);
        return levels;
    }

    private long StageWidth(int stage) => StemChannels << stage;
}
