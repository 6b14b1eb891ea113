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
}
