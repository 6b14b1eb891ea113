using Nlce.Defenses;
using static TorchSharp.torch;

namespace Nlce.Tests.Defenses;

/// <summary>Frequency refinement (defenses-and-attacks.md §1) on hand-built blocks: DCT, bands, idempotence, range, padding, bad input.</summary>
public sealed class FrequencyRefinementTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void The_dct_matrix_is_orthonormal(int size)
    {
        using var d = BlockDct.Matrix(size, ScalarType.Float64);
        using var product = d.matmul(d.t());
        using var identity = eye(size, dtype: ScalarType.Float64);
        Assert.True(product.allclose(identity, rtol: 0, atol: 1e-12), $"D·Dᵀ differs from I by {(product - identity).abs().max().item<double>()}");
    }

    [Fact]
    public void The_dct_of_a_constant_block_is_its_dc_term_and_the_inverse_restores_the_block()
    {
        using var scope = NewDisposeScope();
        var d = BlockDct.Matrix(dtype: ScalarType.Float64);
        var block = full(8, 8, 100.0, dtype: ScalarType.Float64);
        var coefficients = BlockDct.Forward(block, d);
        Assert.Equal(800.0, coefficients[0, 0].item<double>(), 9);  // 8 × the block mean
        Assert.Equal(0.0, coefficients.abs().sum().item<double>() - 800.0, 9);
        Assert.True(BlockDct.Inverse(coefficients, d).allclose(block, rtol: 0, atol: 1e-9));
    }

    [Fact]
    public void Blocks_round_trip_and_each_block_is_an_8x8_tile()
    {
        using var scope = NewDisposeScope();
        var images = arange(2 * 3 * 16 * 24, dtype: ScalarType.Float32).reshape(2, 3, 16, 24);
        var blocks = BlockDct.ToBlocks(images);
        Assert.Equal([2L, 3, 2, 3, 8, 8], blocks.shape);
        Assert.True(blocks[1, 2, 1, 2].allclose(images[1, 2, 8..16, 16..24], rtol: 0, atol: 0));
        Assert.True(BlockDct.FromBlocks(blocks).allclose(images, rtol: 0, atol: 0));
    }

    [Fact]
    public void The_released_table_has_4_pd_12_ac_and_48_gd_steps()
    {
        var steps = new FrequencyRefinement().Steps;
        var values = steps.Cast<double>().ToArray();
        Assert.Equal(4, values.Count(v => v == 30));
        Assert.Equal(12, values.Count(v => v == 5));
        Assert.Equal(48, values.Count(v => v == 60));
        Assert.Equal((30.0, 30.0, 5.0, 5.0, 60.0, 60.0), (steps[1, 1], steps[0, 1], steps[3, 3], steps[0, 2], steps[4, 0], steps[3, 7]));
    }

    [Fact]
    public void A_block_holding_only_the_lowest_frequencies_passes_unchanged()
    {
        using var scope = NewDisposeScope();
        // PD coefficients that are multiples of the PD step 30: quantisation keeps them, so FR must return the block.
        var coefficients = zeros(8, 8, dtype: ScalarType.Float64);
        coefficients[0, 0] = 1020;
        coefficients[0, 1] = 60;
        coefficients[1, 0] = -30;
        coefficients[1, 1] = 30;
        var image = PixelsFromCoefficients(coefficients).reshape(1, 1, 8, 8);
        var refined = new FrequencyRefinement().Apply(image);
        Assert.True((refined - image).abs().max().item<float>() < 1e-5f, "a PD-only block changed");
        Assert.True(image.std().item<float>() > 0.02f, "the test block should not be flat");
    }

    [Fact]
    public void High_frequency_noise_below_half_the_gd_step_vanishes_in_every_channel_and_block()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(5, CPU);
        // Two images, three channels, 2×3 blocks of mid-grey (DC = 1020 = 34 × 30, kept) plus GD-band coefficients with |C| < 30.
        var coefficients = zeros([2, 3, 2, 3, 8, 8], dtype: ScalarType.Float64);
        coefficients[.., .., .., .., 0, 0] = 1020;
        var gdMask = zeros(8, 8, dtype: ScalarType.Bool);
        gdMask[4.., ..] = true;
        gdMask[.., 4..] = true;
        var noise = (rand([2, 3, 2, 3, 8, 8], generator: generator, dtype: ScalarType.Float64) * 2 - 1) * 29.5;
        coefficients += noise * gdMask;
        var images = BlockDct.FromBlocks(BlockDct.Inverse(coefficients, BlockDct.Matrix(dtype: ScalarType.Float64))) / 255.0;
        Assert.True(images.min().item<double>() >= 0 && images.max().item<double>() <= 1);
        var flat = full_like(images, 127.5 / 255.0);
        Assert.True((images - flat).abs().max().item<double>() > 2 / 255.0, "the test noise should be visible");

        var refined = new FrequencyRefinement().Apply(images);
        Assert.True((refined - flat).abs().max().item<double>() < 1e-6, $"noise left: {(refined - flat).abs().max().item<double>() * 255} levels");
    }

    [Fact]
    public void A_second_pass_changes_the_image_far_less_than_the_first()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(9, CPU);
        // Whole blocks: a block cut by the border is re-padded with zeros on the second pass, so only whole blocks are idempotent.
        var images = rand([2, 3, 24, 32], generator: generator) * 0.6 + 0.2;
        var defense = new FrequencyRefinement();
        var once = defense.Apply(images);
        var twice = defense.Apply(once);
        double first = (once - images).abs().mean().item<float>(), second = (twice - once).abs().mean().item<float>();
        Assert.True(first > 5 / 255.0, $"first pass moved {first * 255:F2} levels on average");
        Assert.True(second < first / 100, $"second pass moved {second * 255:F4} levels, first {first * 255:F2}");
    }

    public static TheoryData<string> Extremes => new() { "zeros", "ones", "checkerboard", "binary noise" };

    [Theory]
    [MemberData(nameof(Extremes))]
    public void Output_stays_in_the_unit_range_and_keeps_shape_and_dtype(string kind)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3, CPU);
        var images = kind switch
        {
            "zeros" => zeros(2, 1, 16, 16),
            "ones" => ones(2, 1, 16, 16),
            "checkerboard" => ((arange(16).unsqueeze(1) + arange(16)).remainder(2)).to(ScalarType.Float32).expand(2, 3, 16, 16).contiguous(),
            _ => rand([3, 2, 12, 9], generator: generator).round(),
        };
        foreach (IInputDefense defense in new IInputDefense[] { new FrequencyRefinement(), new FrequencyRefinement(new(1, 1, 200)), new JpegQuantization(10) })
        {
            var output = defense.Apply(images);
            Assert.Equal(images.shape, output.shape);
            Assert.Equal(images.dtype, output.dtype);
            Assert.True(output.min().item<float>() >= 0 && output.max().item<float>() <= 1, $"{defense.Name} on {kind}");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(13, 21)]
    [InlineData(17, 8)]
    [InlineData(8, 30)]
    public void Sizes_that_are_not_multiples_of_8_are_zero_padded_then_cropped(int height, int width)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(13, CPU);
        var images = rand([2, 2, height, width], generator: generator, dtype: ScalarType.Float64);
        var defense = new FrequencyRefinement();
        var refined = defense.Apply(images);
        Assert.Equal(images.shape, refined.shape);

        long paddedHeight = (height + 7) / 8 * 8, paddedWidth = (width + 7) / 8 * 8;
        var padded = zeros([2, 2, paddedHeight, paddedWidth], dtype: ScalarType.Float64);
        padded[.., .., ..height, ..width] = images;
        var expected = defense.Apply(padded)[.., .., ..height, ..width];
        Assert.True(refined.allclose(expected, rtol: 0, atol: 1e-12));
    }

    public static TheoryData<string, string> BadImages => new()
    {
        { "rank 3", "[B, C, H, W]" },
        { "above 1", "[0, 1]" },
        { "below 0", "[0, 1]" },
        { "integer", "floating-point" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public void Bad_images_are_refused_with_the_problem_named(string problem, string expected)
    {
        using var scope = NewDisposeScope();
        var images = problem switch
        {
            "rank 3" => zeros(1, 8, 8),
            "above 1" => full(1, 1, 8, 8, 1.5),
            "below 0" => full(1, 1, 8, 8, -0.01),
            _ => zeros([1, 1, 8, 8], dtype: ScalarType.Int32),
        };
        foreach (IInputDefense defense in new IInputDefense[] { new FrequencyRefinement(), new JpegQuantization() })
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => defense.Apply(images));
            Assert.Contains(expected, error.Message);
            Assert.Contains(defense.Name, error.Message);
        }
    }

    [Theory]
    [InlineData(0, 5, 60, "Pd")]
    [InlineData(30, -1, 60, "Ac")]
    [InlineData(30, 5, double.NaN, "Gd")]
    [InlineData(30, 5, double.PositiveInfinity, "Gd")]
    public void Bad_tables_are_refused_naming_the_band(double pd, double ac, double gd, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencyRefinement(new FrequencyRefinementTable(pd, ac, gd)));
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void The_name_says_whether_the_table_is_the_released_one()
    {
        Assert.Equal("fr", new FrequencyRefinement().Name);
        Assert.Equal("fr", new FrequencyRefinement(new(30, 5, 60)).Name);
        Assert.Equal("fr-pd20-ac2.5-gd40", new FrequencyRefinement(new(20, 2.5, 40)).Name);
        Assert.False(new FrequencyRefinement().IsRandomized);
    }

    [Fact]
    public void The_output_is_detached_so_exact_gradients_cannot_pass_silently()
    {
        using var scope = NewDisposeScope();
        var images = full(1, 1, 8, 8, 0.5).requires_grad_(true);
        Assert.False(new FrequencyRefinement().Apply(images).requires_grad);
    }

    /// <summary>The pixels [8, 8] (0–1 scale, float32) of one block with the given DCT coefficients on the 0–255 scale.</summary>
    private static Tensor PixelsFromCoefficients(Tensor coefficients) =>
        (BlockDct.Inverse(coefficients, BlockDct.Matrix(dtype: ScalarType.Float64)) / 255.0).to(ScalarType.Float32);
}
