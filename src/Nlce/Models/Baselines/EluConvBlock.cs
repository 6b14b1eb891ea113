using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// Two 3×3 convolutions (padding 1), each followed by an ELU and a dropout layer, the first optionally with stride 2:
/// one level of InvertedNet (Novikov et al. 2018), whose "All-Dropout" design puts a dropout after every convolution and
/// whose delayed sub-sampling lets the first convolution of a level do the down-sampling.
/// </summary>
internal sealed class EluConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> conv2;
    private readonly nn.Module<Tensor, Tensor> dropout;

    public EluConvBlock(long inChannels, long outChannels, long firstStride, double dropoutProbability) : base(nameof(EluConvBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: firstStride, padding: 1);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1);
        dropout = nn.Dropout(dropoutProbability);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = dropout.call(nn.functional.elu(conv1.call(input), 1.0));
        x = dropout.call(nn.functional.elu(conv2.call(x), 1.0));
        return x.MoveToOuterDisposeScope();
    }
}
