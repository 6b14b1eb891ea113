using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// Two 3×3 convolutions with padding 1, each followed by an optional batch norm and a ReLU: one level of U-Net's
/// contracting or expanding path (Ronneberger et al. 2015, Fig. 1, with padding so the size is kept) and of CDNN's.
/// </summary>
internal sealed class DoubleConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor>? bn1;
    private readonly nn.Module<Tensor, Tensor> conv2;
    private readonly nn.Module<Tensor, Tensor>? bn2;

    public DoubleConvBlock(long inChannels, long outChannels, bool batchNorm) : base(nameof(DoubleConvBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: !batchNorm);
        bn1 = batchNorm ? nn.BatchNorm2d(outChannels) : null;
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: !batchNorm);
        bn2 = batchNorm ? nn.BatchNorm2d(outChannels) : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = conv1.call(input);
        x = nn.functional.relu(bn1 is null ? x : bn1.call(x));
        x = conv2.call(x);
        x = nn.functional.relu(bn2 is null ? x : bn2.call(x));
        return x.MoveToOuterDisposeScope();
    }
}
