using Nlce.Models;

namespace Nlce.Tests.Models;

public sealed class ChannelWidthTests
{
    [Theory]
    // Width 1 keeps any configured count, multiples of 8 or not.
    [InlineData(64, 1.0, 64)]
    [InlineData(4, 1.0, 4)]
    [InlineData(20, 1.0, 20)]
    // Exact multiples of 8.
    [InlineData(64, 0.125, 8)]
    [InlineData(2048, 0.25, 512)]
    [InlineData(64, 4.0, 256)]
    // Rounded to the nearest multiple of 8: 19.2 → 16, 50 → 48, 20 → 24 (a half rounds up), 42 → 40.
    [InlineData(64, 0.3, 16)]
    [InlineData(100, 0.5, 48)]
    [InlineData(40, 0.5, 24)]
    [InlineData(84, 0.5, 40)]
    // Never below 8: 4 → 8, 0.5 → 8, and a small configured count grows to 8.
    [InlineData(32, 0.125, 8)]
    [InlineData(4, 0.125, 8)]
    [InlineData(4, 0.5, 8)]
    public void Scales_to_the_nearest_multiple_of_eight_and_at_least_eight(long channels, double width, long expected)
    {
        Assert.Equal(expected, ChannelWidth.Scale(channels, width));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(4.5)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_multipliers_outside_zero_to_four(double width)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelWidth.Scale(64, width));
        Assert.Equal("width", error.ParamName);
        Assert.Equal("Ratio", Assert.Throws<ArgumentOutOfRangeException>(() => ChannelWidth.Validate(width, "Ratio")).ParamName);
    }

    [Fact]
    public void Rejects_channel_counts_below_one()
    {
        Assert.Equal("channels", Assert.Throws<ArgumentOutOfRangeException>(() => ChannelWidth.Scale(0, 0.5)).ParamName);
    }

    [Fact]
    public void Nlce_options_scale_only_the_codeword_cap_and_keep_a_switched_off_part_off()
    {
        var options = NlceOptions.Default.ForWidth(0.25);
        Assert.Equal(128, options.ContextEncoding!.MaxCodewordChannels);
        Assert.Equal(NlceOptions.Default.ContextEncoding!.Codewords, options.ContextEncoding.Codewords);
        Assert.Equal(NlceOptions.Default.NonLocal, options.NonLocal);
        Assert.Equal(NlceOptions.Default, NlceOptions.Default.ForWidth(1.0));

        var withoutEncoding = NlceOptions.Default with { ContextEncoding = null };
        Assert.Equal(withoutEncoding, withoutEncoding.ForWidth(0.25));
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => NlceOptions.Default.ForWidth(0)).ParamName);
    }
}
