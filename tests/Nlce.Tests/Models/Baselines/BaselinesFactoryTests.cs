using Nlce.Models;
using Nlce.Models.Baselines;
using static TorchSharp.torch;

namespace Nlce.Tests.Models.Baselines;

/// <summary>
/// The one-line factories build each paper's default configuration: the +NLCE slot receives the channel count of the
/// paper-sized network (constructing only; no forward pass at this size).
/// </summary>
public sealed class BaselinesFactoryTests
{
    public static TheoryData<string, long, int, int> Defaults() => new()
    {
        // name, channels at the +NLCE slot, number of slots, total stride
        { "unet", 1024, 1, 16 },
        { "invertednet", 32, 1, 8 },
        { "nwcn", 64, 2, 4 },
        { "cdnn", 256, 1, 8 },
        { "slsdeep", 2048, 1, 8 },
    };

    public static TheoryData<string, long> QuarterWidth() => new()
    {
        // name, channels at the +NLCE slot at width 0.25: U-Net 64 → 16 at the first level, ·2⁴ at the centre; InvertedNet
        // 32 → 8 at its coarsest level; NWCN 64 → 16 context channels; CDNN 32 → 8, ·2³; SLSDeep stem 64 → 16, ·32.
        { "unet", 256 },
        { "invertednet", 8 },
        { "nwcn", 16 },
        { "cdnn", 64 },
        { "slsdeep", 512 },
    };

    private static SegmentationModel Create(string name, ModelConfig config, Func<long, nn.Module<Tensor, Tensor>>? bottleneck) => name switch
    {
        "unet" => Nlce.Models.Baselines.BaselineFactory.CreateUNet(config, bottleneck),
        "invertednet" => Nlce.Models.Baselines.BaselineFactory.CreateInvertedNet(config, bottleneck),
        "nwcn" => Nlce.Models.Baselines.BaselineFactory.CreateNwcn(config, bottleneck),
        "cdnn" => Nlce.Models.Baselines.BaselineFactory.CreateCdnn(config, bottleneck),
        "slsdeep" => Nlce.Models.Baselines.BaselineFactory.CreateSlsDeep(config, bottleneck),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown baseline"),
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Default_configuration_puts_the_slot_on_the_papers_bottleneck_channels(string name, long channels, int slots, int stride)
    {
        var requested = new List<long>();
        using var model = Create(name, new ModelConfig(name + "+nlce", 3, 2), c =>
        {
            requested.Add(c);
            return nn.Identity();
        });

        Assert.Equal(Enumerable.Repeat(channels, slots), requested);
        int totalStride = model switch
        {
            UNet unet => unet.TotalStride,
            InvertedNet invertedNet => invertedNet.TotalStride,
            Nwcn nwcn => nwcn.TotalStride,
            Cdnn cdnn => cdnn.TotalStride,
            SlsDeep slsDeep => slsDeep.TotalStride,
            _ => throw new InvalidOperationException($"unexpected model type {model.GetType()}"),
        };
        Assert.Equal(stride, totalStride);
        Assert.Equal(name + "+nlce", model.Config.Name);
    }

    [Theory]
    [MemberData(nameof(QuarterWidth))]
    public void The_width_multiplier_narrows_the_slot_and_the_network_around_it(string name, long channels)
    {
        using var scope = NewDisposeScope();
        var requested = new List<long>();
        using var model = Create(name, new ModelConfig(name + "+nlce", 1, 2, Width: 0.25), c =>
        {
            requested.Add(c);
            return nn.Identity();
        });
        Assert.All(requested, c => Assert.Equal(channels, c));
        Assert.NotEmpty(requested);

        model.eval();
        using var noGrad = no_grad();
        Assert.Equal(new long[] { 1, 2, 32, 32 }, model.call(rand(1, 1, 32, 32)).shape);
    }
}
