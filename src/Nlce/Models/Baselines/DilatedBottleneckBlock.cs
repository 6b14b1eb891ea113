using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// ResNet bottleneck block (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016): 1×1 → 3×3 → 1×1
/// convolutions with batch norm, expansion 4, identity or 1×1 projection shortcut; the 3×3 convolution may be dilated
/// (Yu, Koltun and Funkhouser, "Dilated Residual Networks", CVPR 2017). Submodule names follow torchvision.
/// </summary>
internal sealed class DilatedBottleneckBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels per unit of the block's width.</summary>
    public const int Expansion = 4;

    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly nn.Module<Tensor, Tensor> conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;
    private readonly nn.Module<Tensor, Tensor> conv3;
    private readonly nn.Module<Tensor, Tensor> bn3;
    private readonly Sequential? downsample;

    public DilatedBottleneckBlock(long inChannels, long width, long stride, long dilation) : base(nameof(DilatedBottleneckBlock))
    {
        long outChannels = width * Expansion;
        conv1 = nn.Conv2d(inChannels, width, 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        conv2 = nn.Conv2d(width, width, 3, stride: stride, padding: dilation, dilation: dilation, bias: false);
        bn2 = nn.BatchNorm2d(width);
        conv3 = nn.Conv2d(width, outChannels, 1, bias: false);
        bn3 = nn.BatchNorm2d(outChannels);
        downsample = stride != 1 || inChannels != outChannels
            ? nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels))
            : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = nn.functional.relu(bn2.call(conv2.call(x)));
        x = bn3.call(conv3.call(x));
        var shortcut = downsample is null ? input : downsample.call(input);
        return nn.functional.relu(x + shortcut).MoveToOuterDisposeScope();
    }
}
