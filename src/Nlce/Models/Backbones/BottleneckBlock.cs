using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Backbones;

/// <summary>
/// ResNet bottleneck block (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016, Fig. 5 right):
/// 1×1 reduction, 3×3 convolution (carrying the stride, as torchvision's ResNet v1.5), 1×1 expansion, each with batch
/// norm, and a shortcut (1×1 convolution + batch norm when the shape changes). Used in ResNet-50 and in NLCEN's
/// refinement phase. Field names follow torchvision.
/// </summary>
public sealed class BottleneckBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    /// <summary>Creates a block <paramref name="inChannels"/> → <paramref name="midChannels"/> → <paramref name="outChannels"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public BottleneckBlock(long inChannels, long midChannels, long outChannels, long stride) : base(nameof(BottleneckBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(midChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        conv1 = nn.Conv2d(inChannels, midChannels, 1, bias: false);
        bn1 = nn.BatchNorm2d(midChannels);
        conv2 = nn.Conv2d(midChannels, midChannels, 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(midChannels);
        conv3 = nn.Conv2d(midChannels, outChannels, 1, bias: false);
        bn3 = nn.BatchNorm2d(outChannels);
        HeInitialisation.Apply(conv1, conv2, conv3);
        downsample = ResidualShortcut.Create(inChannels, outChannels, stride);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var reduced = nn.functional.relu(bn1.call(conv1.call(input)));
        var spatial = nn.functional.relu(bn2.call(conv2.call(reduced)));
        var branch = bn3.call(conv3.call(spatial));
        var shortcut = downsample is null ? input : downsample.call(input);
        return nn.functional.relu(branch + shortcut).MoveToOuterDisposeScope();
    }
}
