using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// One stage of <see cref="Nwcn"/>: two stride-2 3×3 convolutions (to 1/4 resolution), a stack of atrous 3×3
/// convolutions with dilations <see cref="Dilations"/>, the optional <c>+NLCE</c> module, a 1×1 classifier and bilinear
/// up-sampling back to the input size. Every convolution but the classifier is followed by batch norm and ReLU.
/// </summary>
internal sealed class NwcnSubnetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Dilation rates of the atrous stack, doubling to enlarge the field of view without losing resolution.</summary>
    public static readonly IReadOnlyList<int> Dilations = [1, 2, 4, 8, 16];

    /// <summary>Down-sampling factor of the stride-2 convolutions.</summary>
    public const int Stride = 4;

    private readonly ConvBnRelu conv1;
    private readonly ConvBnRelu conv2;
    private readonly ModuleList<ConvBnRelu> context;
    private readonly nn.Module<Tensor, Tensor>? nlce;
    private readonly nn.Module<Tensor, Tensor> classifier;

    /// <param name="inChannels">Image channels (stage 0) or image plus class channels (later stages).</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="stemChannels">Channels of the first stride-2 convolution.</param>
    /// <param name="contextChannels">Channels of the second stride-2 convolution, the atrous stack and the bottleneck slot.</param>
    /// <param name="bottleneck">Factory of the <c>+NLCE</c> module; null for none.</param>
    public NwcnSubnetwork(long inChannels, long classes, long stemChannels, long contextChannels, Func<long, nn.Module<Tensor, Tensor>>? bottleneck)
        : base(nameof(NwcnSubnetwork))
    {
        conv1 = ConvBnRelu.Convolution(inChannels, stemChannels, 3, stride: 2);
        conv2 = ConvBnRelu.Convolution(stemChannels, contextChannels, 3, stride: 2);
        context = new ModuleList<ConvBnRelu>(Dilations
            .Select(d => ConvBnRelu.Convolution(contextChannels, contextChannels, 3, dilation: d))
            .ToArray());
        nlce = NlceSlot.Create(bottleneck, contextChannels, nameof(bottleneck));
        classifier = nn.Conv2d(contextChannels, classes, 1);
        RegisterComponents();

        // The +NLCE module keeps the initialisation its own design prescribes.
        WeightInitialization.HeNormal(nn.init.FanInOut.FanIn, conv1, conv2, context, classifier);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = conv2.call(conv1.call(input));
        foreach (var layer in context)
            x = layer.call(x);
        x = classifier.call(NlceSlot.Apply(nlce, x));
        return nn.functional.interpolate(x, [input.shape[2], input.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false)
            .MoveToOuterDisposeScope();
    }
}
