using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Backbones;

/// <summary>
/// ResNet basic block (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016, Fig. 2/5 left): two 3×3
/// convolutions with batch norm and a shortcut (1×1 convolution + batch norm when the shape changes). Field names follow
/// torchvision, so state-dict keys match its ResNet-18.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    /// <summary>Creates a block from <paramref name="inChannels"/> to <paramref name="outChannels"/> with the first convolution's <paramref name="stride"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public BasicBlock(long inChannels, long outChannels, long stride) : base(nameof(BasicBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        HeInitialisation.Apply(conv1, conv2);
        downsample = ResidualShortcut.Create(inChannels, outChannels, stride);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var branch = bn2.call(conv2.call(nn.functional.relu(bn1.call(conv1.call(input)))));
        var shortcut = downsample is null ? input : downsample.call(input);
        return nn.functional.relu(branch + shortcut).MoveToOuterDisposeScope();
    }
}
