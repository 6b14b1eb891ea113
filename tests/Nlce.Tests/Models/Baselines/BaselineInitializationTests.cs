using Nlce.Models;
using Nlce.Models.Baselines;
using static TorchSharp.torch;

namespace Nlce.Tests.Models.Baselines;

/// <summary>He-normal initialisation of the baselines' own convolutions; the +NLCE module keeps its own.</summary>
public sealed class BaselineInitializationTests
{
    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void The_bottleneck_module_keeps_the_initialisation_it_was_created_with(string name)
    {
        var factory = new RecordingBottleneckFactory();
        using var model = BaselineCase.All[name].Create(new ModelConfig(name + "+nlce", 1, 2), factory.Create);

        Assert.NotEmpty(factory.Created);
        foreach (var slot in factory.Created)
        {
            var now = slot.state_dict();
            Assert.All(slot.InitialState, kv => Assert.True(kv.Value.eq(now[kv.Key]).all().item<bool>(), $"{kv.Key} was re-initialised"));
        }
    }

    public static TheoryData<string, string, bool> Layers() => new()
    {
        // baseline, convolution weight, fan-out (else fan-in)
        { "unet", "encoder.1.conv1.weight", false },
        { "unet", "up.0.weight", false },
        { "invertednet", "decoder.0.conv2.weight", false },
        { "cdnn", "decoder.0.conv1.weight", false },
        { "nwcn", "stages.1.context.2.conv.weight", false },
        { "slsdeep", "encoder.layer4.1.conv2.weight", true },
        { "slsdeep", "ppm.fuse.conv.weight", false },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Convolutions_are_he_normal_with_zero_biases(string name, string weightKey, bool fanOut)
    {
        using var scope = NewDisposeScope();
        // Wider than the shared tiny cases, so each weight has enough entries for a stable standard deviation.
        var config = new ModelConfig(name, 1, 2);
        using SegmentationModel model = name switch
        {
            "unet" => new UNet(config, new UNetOptions(BaseChannels: 16, Depth: 2)),
            "invertednet" => new InvertedNet(config, new InvertedNetOptions(BaseChannels: 64, Depth: 2)),
            "cdnn" => new Cdnn(config, new CdnnOptions(BaseChannels: 16, Depth: 2)),
            "nwcn" => new Nwcn(config, new NwcnOptions(StemChannels: 8, ContextChannels: 32)),
            "slsdeep" => new SlsDeep(config, new SlsDeepOptions(Width: 8)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown baseline"),
        };
        var state = model.state_dict();
        var weight = state[weightKey];
        // Conv2d weight [out, in, k, k]; ConvTranspose2d weight [in, out, k, k]: PyTorch's fan-in is dim 1 × k².
        long receptive = weight.shape[2] * weight.shape[3];
        long fan = (fanOut ? weight.shape[0] : weight.shape[1]) * receptive;
        double expected = Math.Sqrt(2.0 / fan);

        double std = weight.std().item<float>();
        Assert.InRange(std, 0.85 * expected, 1.15 * expected);
        Assert.InRange(weight.mean().item<float>(), -0.2 * expected, 0.2 * expected);

        string biasKey = weightKey[..^"weight".Length] + "bias";
        if (state.TryGetValue(biasKey, out var bias) && !biasKey.Contains(".bn"))
            Assert.Equal(0f, bias.abs().max().item<float>());
    }
}
