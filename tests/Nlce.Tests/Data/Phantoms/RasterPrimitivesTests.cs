using Nlce.Data.Phantoms;
using Nlce.Data.Phantoms.Rendering;

namespace Nlce.Tests.Data.Phantoms;

public sealed class PolygonRasterizerTests
{
    private static Polygon Rectangle(float x0, float y0, float x1, float y1) => new([x0, x1, x1, x0], [y0, y0, y1, y1]);

    [Fact]
    public void Pixel_aligned_square_covers_exactly_its_pixels()
    {
        var coverage = new float[10 * 10];
        PolygonRasterizer.Coverage(Rectangle(2, 3, 6, 8), 10, 10, coverage);
        for (int y = 0; y < 10; y++)
            for (int x = 0; x < 10; x++)
                Assert.Equal(x is >= 2 and < 6 && y is >= 3 and < 8 ? 1f : 0f, coverage[y * 10 + x], 5);
    }

    [Theory]
    [InlineData(2.5f, 1f, 0.5f)]
    [InlineData(2.25f, 1f, 0.75f)]
    [InlineData(2f, 1f, 1f)]
    public void Edge_pixels_get_their_covered_fraction(float left, float top, float expectedEdge)
    {
        var coverage = new float[8 * 8];
        PolygonRasterizer.Coverage(Rectangle(left, top, 6, 7), 8, 8, coverage);
        Assert.Equal(expectedEdge, coverage[3 * 8 + 2], 4);
        Assert.Equal(1f, coverage[3 * 8 + 4], 4);
    }

    [Fact]
    public void Coverage_and_mask_both_measure_the_polygon_area()
    {
        var circle = Polygon.Radial(31.3f, 29.8f, 200, _ => 17.2f);
        var coverage = new float[64 * 64];
        var mask = new byte[64 * 64];
        PolygonRasterizer.Coverage(circle, 64, 64, coverage);
        PolygonRasterizer.PaintInside(circle, 64, 64, mask, 1);
        Assert.InRange(coverage.Sum(), circle.Area - 2f, circle.Area + 2f);
        Assert.InRange(mask.Sum(b => b), circle.Area * 0.97f, circle.Area * 1.03f);
        Assert.All(coverage, c => Assert.InRange(c, 0f, 1f));
    }

    [Fact]
    public void Mask_holds_pixels_whose_centre_is_inside_and_can_cut_out()
    {
        var mask = new byte[6 * 6];
        PolygonRasterizer.PaintInside(Rectangle(0.6f, 0.4f, 4.5f, 3.6f), 6, 6, mask, 1);
        // Centres x + 0.5 in [0.6, 4.5): x = 1..3; y + 0.5 in [0.4, 3.6): y = 0..3.
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 6; x++)
                Assert.Equal(x is >= 1 and <= 3 && y <= 3 ? 1 : 0, mask[y * 6 + x]);
        PolygonRasterizer.PaintInside(Rectangle(0, 0, 6, 2), 6, 6, mask, 0);
        Assert.Equal(6, mask.Sum(b => b));
    }

    [Fact]
    public void Shapes_partly_outside_the_image_are_clipped()
    {
        var coverage = new float[8 * 8];
        var mask = new byte[8 * 8];
        var big = Rectangle(-5, -5, 4, 20);
        PolygonRasterizer.Coverage(big, 8, 8, coverage);
        PolygonRasterizer.PaintInside(big, 8, 8, mask, 1);
        Assert.Equal(32f, coverage.Sum(), 3);
        Assert.Equal(32, mask.Sum(b => b));
    }

    [Fact]
    public void Contains_agrees_with_the_mask()
    {
        var shape = Polygon.Radial(20, 20, 50, t => 10f + 4f * MathF.Cos(3 * t));
        var mask = new byte[40 * 40];
        PolygonRasterizer.PaintInside(shape, 40, 40, mask, 1);
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 40; x++)
                Assert.Equal(mask[y * 40 + x] == 1, shape.Contains(x + 0.5f, y + 0.5f));
    }

    [Fact]
    public void Polygon_rejects_mismatched_or_too_few_vertices()
    {
        Assert.Throws<ArgumentException>("ys", () => new Polygon([0, 1, 2], [0, 1]));
        Assert.Throws<ArgumentException>("xs", () => new Polygon([0, 1], [0, 1]));
    }
}

public sealed class GaussianBlurTests
{
    [Theory]
    [InlineData(0.6f)] // three-tap kernel
    [InlineData(1.7f)] // extended boxes
    [InlineData(4.5f)]
    [InlineData(9f)] // coarse grid
    public void Impulse_response_has_unit_mass_and_variance_sigma_squared(float sigma)
    {
        const int n = 97;
        var plane = new float[n * n];
        plane[48 * n + 48] = 1f;
        GaussianBlur.Apply(plane, n, n, sigma);
        double mass = 0, varianceX = 0, varianceY = 0;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                double v = plane[y * n + x];
                mass += v;
                varianceX += v * (x - 48) * (x - 48);
                varianceY += v * (y - 48) * (y - 48);
            }
        }
        Assert.Equal(1.0, mass, 3);
        // The coarse path adds the variance of its block averaging and interpolation; allow for it.
        double tolerance = sigma >= GaussianBlur.CoarseLimit ? 0.25 : 0.02;
        Assert.InRange(varianceX / mass, sigma * sigma * (1 - tolerance), sigma * sigma * (1 + tolerance));
        Assert.InRange(varianceY / mass, sigma * sigma * (1 - tolerance), sigma * sigma * (1 + tolerance));
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(3f)]
    [InlineData(12f)]
    public void Constant_planes_stay_constant(float sigma)
    {
        var plane = Enumerable.Repeat(0.37f, 50 * 30).ToArray();
        GaussianBlur.Apply(plane, 50, 30, sigma);
        Assert.All(plane, v => Assert.Equal(0.37f, v, 4));
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(1f)]
    [InlineData(7.3f)]
    public void Extended_box_matches_the_target_variance(float variance)
    {
        var (r, alpha) = GaussianBlur.ExtendedBox(variance);
        Assert.InRange(alpha, 0f, 1f);
        float sumSquares = 2 * (r * (r + 1) * (2 * r + 1) / 6f) + 2 * alpha * (r + 1) * (r + 1);
        Assert.Equal(variance, sumSquares / (2 * r + 1 + 2 * alpha), 3);
    }

    [Fact]
    public void Wrong_plane_size_throws() =>
        Assert.Throws<ArgumentException>("plane", () => GaussianBlur.Apply(new float[10], 4, 4, 1f));
}

public sealed class PhantomRandomTests
{
    [Fact]
    public void Streams_are_reproducible_and_distinct_per_seed_kind_and_index()
    {
        static ulong[] Draw(int seed, PhantomKind kind, int index)
        {
            var random = new PhantomRandom(seed, kind, index);
            return Enumerable.Range(0, 8).Select(_ => random.NextUInt64()).ToArray();
        }
        Assert.Equal(Draw(1, PhantomKind.Lung, 2), Draw(1, PhantomKind.Lung, 2));
        Assert.NotEqual(Draw(1, PhantomKind.Lung, 2), Draw(2, PhantomKind.Lung, 2));
        Assert.NotEqual(Draw(1, PhantomKind.Lung, 2), Draw(1, PhantomKind.Skin, 2));
        Assert.NotEqual(Draw(1, PhantomKind.Lung, 2), Draw(1, PhantomKind.Lung, 3));
    }

    [Fact]
    public void Variates_have_the_promised_distributions()
    {
        var random = new PhantomRandom(0, PhantomKind.Skin, 0);
        const int n = 200_000;
        var uniform = Enumerable.Range(0, n).Select(_ => random.Uniform(2f, 5f)).ToArray();
        Assert.All(uniform, u => Assert.InRange(u, 2f, 5f));
        Assert.Equal(3.5, uniform.Average(), 1);
        foreach (var draw in new Func<float>[] { random.Normal, random.NearlyNormal })
        {
            var values = Enumerable.Range(0, n).Select(_ => (double)draw()).ToArray();
            double mean = values.Average();
            double variance = values.Select(v => (v - mean) * (v - mean)).Average();
            Assert.InRange(mean, -0.01, 0.01);
            Assert.InRange(variance, 0.98, 1.02);
        }
        var integers = Enumerable.Range(0, 1000).Select(_ => random.Integer(3, 6)).ToHashSet();
        Assert.Equal(new HashSet<int> { 3, 4, 5 }, integers);
    }
}

public sealed class NoiseFieldsTests
{
    [Fact]
    public void Grain_has_the_requested_spread_and_is_spatially_correlated()
    {
        const int n = 128;
        var plane = new float[n * n];
        NoiseFields.AddGrain(plane, n, n, new PhantomRandom(0, PhantomKind.Lung, 0), 1.5f, 0.05f);
        double mean = plane.Average();
        double sd = Math.Sqrt(plane.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0.05, sd, 3);
        double neighbour = 0;
        for (int i = 0; i + 1 < plane.Length; i++)
            neighbour += (plane[i] - mean) * (plane[i + 1] - mean);
        Assert.True(neighbour / (plane.Length - 1) / (sd * sd) > 0.5, "neighbouring grain values should be correlated");
    }

    [Fact]
    public void Fractal_noise_is_bounded_by_the_sum_of_its_octave_amplitudes()
    {
        const int n = 80;
        var plane = new float[n * n];
        NoiseFields.AddFractal(plane, n, n, new PhantomRandom(0, PhantomKind.Lung, 1), 20f, 3, 0.4f);
        Assert.All(plane, v => Assert.InRange(v, -0.7f, 0.7f));
        Assert.True(plane.Max() - plane.Min() > 0.2f);
    }
}
