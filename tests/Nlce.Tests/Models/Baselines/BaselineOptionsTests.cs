using Nlce.Models.Baselines;

namespace Nlce.Tests.Models.Baselines;

/// <summary>Each options record rejects out-of-range fields, naming the field; defaults are valid.</summary>
public sealed class BaselineOptionsTests
{
    public static TheoryData<string, Func<object>> Invalid() => new()
    {
        { "BaseChannels", () => new UNetOptions(BaseChannels: 0).Validate() },
        { "Depth", () => new UNetOptions(Depth: 0).Validate() },
        { "Depth", () => new UNetOptions(Depth: 7).Validate() },
        { "Dropout", () => new UNetOptions(Dropout: 1.0).Validate() },
        { "Dropout", () => new UNetOptions(Dropout: -0.1).Validate() },
        { "Dropout", () => new UNetOptions(Dropout: double.NaN).Validate() },
        { "BaseChannels", () => new InvertedNetOptions(BaseChannels: 12, Depth: 3).Validate() },
        { "BaseChannels", () => new InvertedNetOptions(BaseChannels: 0).Validate() },
        { "Depth", () => new InvertedNetOptions(Depth: 0).Validate() },
        { "Dropout", () => new InvertedNetOptions(Dropout: 1.5).Validate() },
        { "Stages", () => new NwcnOptions(Stages: 0).Validate() },
        { "Stages", () => new NwcnOptions(Stages: 6).Validate() },
        { "StemChannels", () => new NwcnOptions(StemChannels: 0).Validate() },
        { "ContextChannels", () => new NwcnOptions(ContextChannels: -1).Validate() },
        { "BaseChannels", () => new CdnnOptions(BaseChannels: 0).Validate() },
        { "Depth", () => new CdnnOptions(Depth: 9).Validate() },
        { "Dropout", () => new CdnnOptions(Dropout: 1.0).Validate() },
        { "Width", () => new SlsDeepOptions(Width: 0).Validate() },
        { "Dropout", () => new SlsDeepOptions(Dropout: -1).Validate() },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_an_out_of_range_field_by_name(string field, Func<object> validate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(validate);
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Defaults_are_valid_and_are_the_papers_configurations()
    {
        Assert.Equal(new UNetOptions(64, 4, false, 0.5), new UNetOptions().Validate());
        // Dropout 0.1: the public re-implementation's rate (Novikov et al.'s is not public); 0.5 did not learn (see InvertedNetOptions).
        Assert.Equal(new InvertedNetOptions(256, 3, 0.1), new InvertedNetOptions().Validate());
        Assert.Equal(new NwcnOptions(2, 32, 64), new NwcnOptions().Validate());
        Assert.Equal(new CdnnOptions(32, 3, 0.5), new CdnnOptions().Validate());
        Assert.Equal(new SlsDeepOptions(64, 0.5), new SlsDeepOptions().Validate());
    }

    [Fact]
    public void A_model_refuses_invalid_options_at_construction()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new UNet(new Nlce.Models.ModelConfig("unet", 1, 2), new UNetOptions(Depth: 0)));
        Assert.Equal("Depth", error.ParamName);
    }
}
