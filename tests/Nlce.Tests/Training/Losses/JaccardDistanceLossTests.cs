using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Losses;

public sealed class JaccardDistanceLossTests
{
    [Fact]
    public void Equals_one_minus_intersection_over_squared_union_averaged_over_images()
    {
        using var scope = NewDisposeScope();
        // Image 1: t = 1 1 0 0, p = .9 .6 .2 .1 → Σtp = 1.5, Σt² = 2, Σp² = 1.22 → L = 1 − 1.5 / 1.72.
        // Image 2: t = 0 1 0 1, p = .5 everywhere → Σtp = 1, Σt² = 2, Σp² = 1 → L = 1 − 1 / 2.
        var logits = LossTestTensors.BinaryLogits([0.9, 0.6, 0.2, 0.1, 0.5, 0.5, 0.5, 0.5], 2, 2, 2);
        var target = LossTestTensors.Labels([1, 1, 0, 0, 0, 1, 0, 1], 2, 2, 2);

        double loss = new JaccardDistanceLoss().Compute(logits, target).item<float>();

        double expected = ((1 - 1.5 / 1.72) + (1 - 1.0 / 2.0)) / 2;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void Averages_the_foreground_classes_of_a_multi_class_prediction()
    {
        using var scope = NewDisposeScope();
        // Two pixels, three classes. Pixel 0 is class 1, pixel 1 is class 2.
        // Softmax of (0, ln 3, 0) = (.2, .6, .2); of (0, 0, ln 4) = (1/6, 1/6, 2/3).
        var logits = tensor(new float[] { 0, 0, (float)Math.Log(3), 0, 0, (float)Math.Log(4) }).reshape(1, 3, 1, 2);
        var target = LossTestTensors.Labels([1, 2], 1, 1, 2);

        double loss = new JaccardDistanceLoss().Compute(logits, target).item<float>();

        // Class 1: t = (1, 0), p = (.6, 1/6). Class 2: t = (0, 1), p = (.2, 2/3).
        double class1 = 1 - 0.6 / (1 + 0.36 + 1.0 / 36 - 0.6);
        double class2 = 1 - (2.0 / 3) / (1 + 0.04 + 4.0 / 9 - 2.0 / 3);
        Assert.Equal((class1 + class2) / 2, loss, 5);
    }

    [Theory]
    [InlineData(new long[] { 1, 1, 0, 0 }, 0.0)]
    [InlineData(new long[] { 0, 0, 0, 0 }, 0.0)]
    [InlineData(new long[] { 1, 1, 1, 1 }, 0.0)]
    public void Is_zero_for_a_perfect_prediction_including_empty_and_full_masks(long[] labels, double expected)
    {
        using var scope = NewDisposeScope();
        var logits = LossTestTensors.BinaryLogits(labels.Select(l => (double)l).ToArray(), 1, 2, 2);
        var target = LossTestTensors.Labels(labels, 1, 2, 2);

        Assert.Equal(expected, new JaccardDistanceLoss().Compute(logits, target).item<float>(), 6);
    }

    [Fact]
    public void Is_one_for_a_prediction_that_misses_every_foreground_pixel()
    {
        using var scope = NewDisposeScope();
        var logits = LossTestTensors.BinaryLogits([0, 0, 1, 1], 1, 2, 2);
        var target = LossTestTensors.Labels([1, 1, 0, 0], 1, 2, 2);

        Assert.Equal(1.0, new JaccardDistanceLoss().Compute(logits, target).item<float>(), 6);
    }

    [Fact]
    public void Is_differentiable_and_its_gradient_lowers_the_loss()
    {
        using var scope = NewDisposeScope();
        var logits = LossTestTensors.BinaryLogits([0.3, 0.4, 0.6, 0.7], 1, 2, 2, requiresGrad: true);
        var target = LossTestTensors.Labels([1, 1, 0, 0], 1, 2, 2);
        var loss = new JaccardDistanceLoss();

        var before = loss.Compute(logits, target);
        before.backward();
        var grad = logits.grad!;
        Assert.True(grad.isfinite().all().item<bool>());
        Assert.True(grad.abs().sum().item<float>() > 0);

        using (no_grad())
        {
            var stepped = logits - 0.5 * grad;
            Assert.True(loss.Compute(stepped, target).item<float>() < before.item<float>());
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_a_smoothing_that_is_not_positive_and_finite(double smoothing)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new JaccardDistanceLoss(smoothing));
        Assert.Equal("smoothing", error.ParamName);
    }
}
