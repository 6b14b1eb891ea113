using Nlce.Models.Backbones;
using static TorchSharp.torch;

namespace Nlce.Tests.Models.Backbones;

public sealed class ResNetEncoderTests
{
    public static TheoryData<ResNetDepth, long[]> Channels => new()
    {
        { ResNetDepth.ResNet18, [64, 128, 256, 512] },
        { ResNetDepth.ResNet50, [256, 512, 1024, 2048] },
    };

    [Theory]
    [MemberData(nameof(Channels))]
    public void Returns_conv2_to_conv5_with_the_contracted_channels_and_strides(ResNetDepth depth, long[] channels)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var encoder = new ResNetEncoder(depth, inputChannels: 5);
        Assert.Equal(["conv2", "conv3", "conv4", "conv5"], encoder.Levels.Select(l => l.Name));
        Assert.Equal(channels, encoder.Levels.Select(l => l.Channels));
        Assert.Equal([4, 8, 16, 32], encoder.Levels.Select(l => l.Stride));
        Assert.Equal(32, encoder.TotalStride);

        var features = encoder.Encode(randn(2, 5, 64, 96));
        Assert.Equal(4, features.Count);
        for (int i = 0; i < 4; i++)
            Assert.Equal(new[] { 2, channels[i], 64 / encoder.Levels[i].Stride, 96 / encoder.Levels[i].Stride }, features[i].shape);
    }

    // torchvision's ResNet-18/50 without the classifier: 120/318 state-dict entries and 11,176,512/23,508,032 parameters
    // for RGB input; a grey input removes 64·2·49 = 6,272 weights from conv1.
    [Theory]
    [InlineData(ResNetDepth.ResNet18, 3, 120, 11_176_512L)]
    [InlineData(ResNetDepth.ResNet18, 1, 120, 11_170_240L)]
    [InlineData(ResNetDepth.ResNet50, 3, 318, 23_508_032L)]
    public void Matches_torchvision_in_keys_and_parameter_count(ResNetDepth depth, long inputChannels, int keys, long parameters)
    {
        using var encoder = new ResNetEncoder(depth, inputChannels);
        var sd = encoder.state_dict();
        Assert.Equal(keys, sd.Count);
        Assert.Equal(parameters, encoder.parameters().Sum(p => p.numel()));
        Assert.Contains("layer1.0.conv1.weight", sd.Keys);
        Assert.Contains("layer2.0.downsample.0.weight", sd.Keys);
        Assert.Contains("layer4.1.bn2.running_var", sd.Keys);
        Assert.Equal(new[] { 64L, inputChannels, 7, 7 }, sd["conv1.weight"].shape);
        Assert.Equal(depth == ResNetDepth.ResNet50, sd.ContainsKey("layer1.0.downsample.0.weight"));
        Assert.Equal(depth == ResNetDepth.ResNet50, sd.ContainsKey("layer3.5.conv3.weight"));
    }

    // The width multiplier scales the stem (64 → 64·width, rounded to a multiple of 8); stages keep doubling it and
    // ResNet-50 keeps its expansion of 4, so the layers (state-dict keys) are torchvision's at every width.
    [Theory]
    [InlineData(ResNetDepth.ResNet18, 0.25, 16L, new long[] { 16, 32, 64, 128 }, 120)]
    [InlineData(ResNetDepth.ResNet50, 0.125, 8L, new long[] { 32, 64, 128, 256 }, 318)]
    [InlineData(ResNetDepth.ResNet18, 1.0, 64L, new long[] { 64, 128, 256, 512 }, 120)]
    public void A_width_multiplier_narrows_every_stage_and_keeps_the_layers(
        ResNetDepth depth, double width, long stem, long[] channels, int keys)
    {
        using var scope = NewDisposeScope();
        using var encoder = new ResNetEncoder(depth, inputChannels: 1, width);
        Assert.Equal(stem, encoder.StemChannels);
        Assert.Equal(channels, encoder.Levels.Select(l => l.Channels));
        var sd = encoder.state_dict();
        Assert.Equal(keys, sd.Count);
        Assert.Equal(new[] { stem, 1L, 7, 7 }, sd["conv1.weight"].shape);
        Assert.Equal(depth == ResNetDepth.ResNet50, sd.ContainsKey("layer1.0.downsample.0.weight"));
        var features = encoder.Encode(randn(1, 1, 32, 32));
        Assert.Equal(channels, features.Select(f => f.shape[1]));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetEncoder((ResNetDepth)34, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetEncoder(ResNetDepth.ResNet18, 0));
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetEncoder(ResNetDepth.ResNet18, 1, width: 0)).ParamName);
        using var scope = NewDisposeScope();
        using var encoder = new ResNetEncoder(ResNetDepth.ResNet18, 1);
        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(zeros(1, 3, 32, 32)));
        Assert.Contains("[1, 3, 32, 32]", error.Message);
    }
}
