using Nlce.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>The shared projection and clip, on hand-computed tensors.</summary>
public sealed class PerturbationBallTests
{
    [Fact]
    public void Linf_projection_clamps_each_pixel_to_its_images_radius_and_the_domain()
    {
        using var scope = NewDisposeScope();
        var original = tensor(new[] { 0.5f, 0.5f, 0.95f, 0.5f, 0.5f, 0.5f }).reshape(2, 1, 1, 3);
        var candidate = tensor(new[] { 0.9f, 0.3f, 1.2f, 0.9f, 0.3f, 0.52f }).reshape(2, 1, 1, 3);
        var epsilon = tensor(new[] { 0.1f, 0f });

        var projected = PerturbationBall.Project(candidate, original, epsilon, PerturbationNorm.Linf);

        Assert.Equal(new[] { 0.6f, 0.4f, 1f, 0.5f, 0.5f, 0.5f }, projected.flatten().data<float>().ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void L2_projection_rescales_long_perturbations_and_keeps_short_ones()
    {
        using var scope = NewDisposeScope();
        var original = full(2, 1, 1, 2, 0.5f);
        var candidate = tensor(new[] { 0.8f, 0.9f, 0.53f, 0.54f }).reshape(2, 1, 1, 2); // δ = (0.3, 0.4), |δ| = 0.5; δ = (0.03, 0.04)
        var epsilon = tensor(new[] { 0.25f, 0.25f });

        var projected = PerturbationBall.Project(candidate, original, epsilon, PerturbationNorm.L2);

        Assert.Equal(new[] { 0.65f, 0.7f, 0.53f, 0.54f }, projected.flatten().data<float>().ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void An_infinite_radius_only_clips_to_the_domain()
    {
        using var scope = NewDisposeScope();
        var original = full(1, 1, 1, 3, 0.5f);
        var candidate = tensor(new[] { -0.5f, 0.2f, 1.7f }).reshape(1, 1, 1, 3);

        var projected = PerturbationBall.Project(candidate, original, tensor(new[] { float.PositiveInfinity }), PerturbationNorm.L2);

        Assert.Equal(new[] { 0f, 0.2f, 1f }, projected.flatten().data<float>().ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Measure_reports_per_image_sizes_in_intensity_units()
    {
        using var scope = NewDisposeScope();
        var original = zeros(2, 1, 1, 2);
        var adversarial = tensor(new[] { 3f / 255, 4f / 255, 0f, -1f / 255 }).reshape(2, 1, 1, 2);

        var size = PerturbationBall.Measure(adversarial, original);

        Assert.Equal(new[] { 4.0, 1.0 }, size.Linf, new DoubleTolerance(1e-5));
        Assert.Equal(new[] { 5.0, 1.0 }, size.L2, new DoubleTolerance(1e-5));
    }

    [Fact]
    public void Mismatched_shapes_and_radius_counts_are_rejected()
    {
        using var scope = NewDisposeScope();
        var original = zeros(2, 1, 4, 4);
        var e1 = Assert.Throws<ArgumentException>(() => PerturbationBall.Project(zeros(2, 1, 4, 3), original, zeros(2), PerturbationNorm.Linf));
        Assert.Contains("[2, 1, 4, 3]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => PerturbationBall.Project(original, original, zeros(3), PerturbationNorm.Linf));
        Assert.Equal("epsilon", e2.ParamName);
    }

    [Fact]
    public void Intensity_units_are_the_0_to_255_scale() =>
        Assert.Equal((8 / 255.0, 8.0), (IntensityScale.ToUnitRange(8), IntensityScale.FromUnitRange(8 / 255.0)));

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
