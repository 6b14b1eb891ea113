using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>Convolution (plain, dilated or transposed; no bias) → batch norm → ReLU: the unit most baselines stack.</summary>
internal sealed class ConvBnRelu : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv;
    private readonly nn.Module<Tensor, Tensor> bn;
    private readonly nn.Module<Tensor, Tensor> relu;

    private ConvBnRelu(nn.Module<Tensor, Tensor> conv, long outChannels) : base(nameof(ConvBnRelu))
    {
        this.conv = conv;
        bn = nn.BatchNorm2d(outChannels);
        relu = nn.ReLU();
        RegisterComponents();
    }

    /// <summary>A k×k convolution with "same" padding for the given dilation (output size = input size / stride).</summary>
    public static ConvBnRelu Convolution(long inChannels, long outChannels, long kernelSize, long stride = 1, long dilation = 1) =>
        new(nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: dilation * (kernelSize - 1) / 2,
            dilation: dilation, bias: false), outChannels);

    /// <summary>A 2×2 transposed convolution with stride 2 (doubles height and width).</summary>
    public static ConvBnRelu Transposed(long inChannels, long outChannels) =>
        new(nn.ConvTranspose2d(inChannels, outChannels, 2, stride: 2, bias: false), outChannels);

    public override Tensor forward(Tensor input) => relu.call(bn.call(conv.call(input)));
}
