using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// ResNet-50 (He et al. 2016; stages of 3, 4, 6, 3 bottleneck blocks) made dilated with output stride 8 (Yu et al.,
/// "Dilated Residual Networks", CVPR 2017), the encoder of SLSDeep: layer3 and layer4 keep the resolution of layer2 and
/// dilate their 3×3 convolutions by 2 and 4 instead (as torchvision's <c>replace_stride_with_dilation</c>: the first
/// block of each dilated stage keeps the previous rate). Stem: 7×7 stride-2 convolution, batch norm, ReLU, 3×3 stride-2
/// max-pooling. Submodule names follow torchvision, so converted torchvision weights fit.
/// </summary>
internal sealed class DilatedResNet50 : nn.Module<Tensor, Tensor>
{
    /// <summary>Resolution of the output relative to the input.</summary>
    public const int OutputStride = 8;

    private static readonly int[] BlocksPerStage = [3, 4, 6, 3];

    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    /// <param name="inChannels">Image channels.</param>
    /// <param name="width">Stem channels (64 in ResNet-50); stage s has blocks of width·2^s, output channels 4·width·2^s.</param>
    public DilatedResNet50(long inChannels, long width) : base(nameof(DilatedResNet50))
    {
        conv1 = nn.Conv2d(inChannels, width, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(width);
        long channels = width;
        layer1 = Stage(ref channels, width, BlocksPerStage[0], stride: 1, firstDilation: 1, dilation: 1);
        layer2 = Stage(ref channels, width * 2, BlocksPerStage[1], stride: 2, firstDilation: 1, dilation: 1);
        layer3 = Stage(ref channels, width * 4, BlocksPerStage[2], stride: 1, firstDilation: 1, dilation: 2);
        layer4 = Stage(ref channels, width * 8, BlocksPerStage[3], stride: 1, firstDilation: 2, dilation: 4);
        OutputChannels = channels;
        RegisterComponents();

        WeightInitialization.HeNormal(nn.init.FanInOut.FanOut, this);
    }

    /// <summary>Channels of the output feature map: 32·width (2048 for ResNet-50).</summary>
    public long OutputChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = nn.functional.max_pool2d(x, 3, stride: 2, padding: 1);
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return x.MoveToOuterDisposeScope();
    }

    private static Sequential Stage(ref long channels, long width, int blocks, long stride, long firstDilation, long dilation)
    {
        var layers = new nn.Module<Tensor, Tensor>[blocks];
        layers[0] = new DilatedBottleneckBlock(channels, width, stride, firstDilation);
        channels = width * DilatedBottleneckBlock.Expansion;
        for (int b = 1; b < blocks; b++)
            layers[b] = new DilatedBottleneckBlock(channels, width, 1, dilation);
        return nn.Sequential(layers);
    }
}
