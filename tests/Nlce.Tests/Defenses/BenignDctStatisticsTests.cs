using Nlce.Defenses;
using static TorchSharp.torch;

namespace Nlce.Tests.Defenses;

public sealed class BenignDctStatisticsTests
{
    [Fact]
    public void Flat_images_have_only_dc_energy_and_every_gd_step_zeroes_the_whole_band()
    {
        using var images = full(3, 2, 16, 16, 0.25);
        var statistics = BenignDctStatistics.Measure(images, [10, 60], chunk: 2);
        Assert.Equal(3 * 2 * 4, statistics.Blocks);
        Assert.Equal(8 * 0.25 * 255, statistics.MeanAbsolute[0, 0], 6);
        Assert.Equal(0, statistics.MeanAbsoluteByBand[FrequencyBand.GlobalDefense], 6);
        Assert.All(statistics.Zeroing, zeroing => Assert.Equal(1.0, zeroing.ZeroedCoefficients));
    }

    [Fact]
    public void A_gd_coefficient_of_50_survives_gd_60_and_vanishes_under_gd_120()
    {
        using var scope = NewDisposeScope();
        var coefficients = zeros([1, 1, 1, 1, 8, 8], dtype: ScalarType.Float64);
        coefficients[.., .., .., .., 0, 0] = 1020;
        coefficients[.., .., .., .., 6, 5] = 50;
        var images = BlockDct.FromBlocks(BlockDct.Inverse(coefficients, BlockDct.Matrix(dtype: ScalarType.Float64))) / 255.0;
        var statistics = BenignDctStatistics.Measure(images, [60, 120]);
        Assert.Equal(50, statistics.MeanAbsolute[6, 5], 6);
        Assert.Equal(50.0 / 48, statistics.MeanAbsoluteByBand[FrequencyBand.GlobalDefense], 6);
        Assert.Equal(47.0 / 48, statistics.Zeroing[0].ZeroedCoefficients, 9);
        Assert.Equal(0, statistics.Zeroing[0].ZeroedEnergy, 9);
        Assert.Equal((1.0, 1.0), (statistics.Zeroing[1].ZeroedCoefficients, statistics.Zeroing[1].ZeroedEnergy));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        using var images = full(1, 1, 8, 8, 0.5);
        Assert.ThrowsAny<ArgumentException>(() => BenignDctStatistics.Measure(images, [0]));
        using var rank3 = full(1, 8, 8, 0.5);
        Assert.Contains("[B, C, H, W]", Assert.ThrowsAny<ArgumentException>(() => BenignDctStatistics.Measure(rank3, [60])).Message);
    }
}
