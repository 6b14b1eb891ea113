using Nlce.Defenses;
using static TorchSharp.torch;

namespace Nlce.Tests.Defenses;

/// <summary>The JPEG baseline: ITU T.81 Annex K Table K.1 scaled by the IJG quality rule, level shift 128.</summary>
public sealed class JpegQuantizationTests
{
    /// <summary>Table K.1 of ITU T.81 (luminance), typed in from the standard for this test.</summary>
    private static readonly int[] TableK1 =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    [Fact]
    public void Quality_50_is_annex_k_table_k1()
    {
        Assert.Equal(TableK1, JpegQuantization.ScaledTable(50));
        Assert.Equal(TableK1, new JpegQuantization(50).Table);
    }

    [Theory]
    [InlineData(100, new[] { 1, 1, 1, 1 })]
    [InlineData(75, new[] { 8, 6, 5, 8 })]    // s = 50: ⌊(16·50 + 50)/100⌋ = 8, ⌊(11·50 + 50)/100⌋ = 6, ⌊(10·50 + 50)/100⌋ = 5
    [InlineData(25, new[] { 32, 22, 20, 32 })] // s = 200
    [InlineData(1, new[] { 255, 255, 255, 255 })] // s = 5000, clamped to the baseline maximum
    public void Other_qualities_follow_the_ijg_scaling_rule(int quality, int[] firstRow)
    {
        Assert.Equal(firstRow, JpegQuantization.ScaledTable(quality).Take(4));
        Assert.All(JpegQuantization.ScaledTable(quality), step => Assert.InRange(step, 1, 255));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Qualities_outside_1_to_100_are_refused(int quality) =>
        Assert.Equal("quality", Assert.Throws<ArgumentOutOfRangeException>(() => new JpegQuantization(quality)).ParamName);

    [Fact]
    public void The_level_shift_makes_mid_grey_exact_where_frequency_refinement_moves_it()
    {
        using var scope = NewDisposeScope();
        var grey = full(1, 1, 8, 8, 128 / 255.0, dtype: ScalarType.Float64);
        // JPEG: DC = 8·(128 − 128) = 0, kept exactly. FR has no shift: DC = 1024 becomes 34·30 = 1020, a mean of 127.5.
        Assert.True(new JpegQuantization(50).Apply(grey).allclose(grey, rtol: 0, atol: 1e-12));
        Assert.True(new FrequencyRefinement().Apply(grey).allclose(full_like(grey, 127.5 / 255.0), rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void Lower_quality_removes_more_of_a_noisy_image()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(21, CPU);
        var images = rand([1, 3, 24, 24], generator: generator) * 0.5 + 0.25;
        double Change(int quality) => (new JpegQuantization(quality).Apply(images) - images).abs().mean().item<float>();
        Assert.True(Change(95) < Change(75) && Change(75) < Change(25), $"q95 {Change(95):F4}, q75 {Change(75):F4}, q25 {Change(25):F4}");
        Assert.Equal("jpeg-q75", new JpegQuantization().Name);
    }
}
