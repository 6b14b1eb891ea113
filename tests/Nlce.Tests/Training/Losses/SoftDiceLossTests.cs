using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Losses;

public sealed class SoftDiceLossTests
{
    [Fact]
    public void Equals_one_minus_soft_dice_averaged_over_images()
    {
        using var scope = NewDisposeScope();
        // Image 1: t = 1 1 0 0, p = .9 .6 .2 .1 → 2Σtp = 3, Σt + Σp = 2 + 1.8 → L = 1 − 3 / 3.8.
        // Image 2: t = 0 1 0 1, p = .5 everywhere → 2Σtp = 2, Σt + Σp = 4 → L = 1 − 2 / 4.
        var logits = LossTestTensors.BinaryLogits([0.9, 0.6, 0.2, 0.1, 0.5, 0.5, 0.5, 0.5], 2, 2, 2);
        var target = LossTestTensors.Labels([1, 1, 0, 0, 0, 1, 0, 1], 2, 2, 2);

        double loss = new SoftDiceLoss().Compute(logits, target).item<float>();

        double expected = ((1 - 3 / 3.8) + (1 - 2.0 / 4)) / 2;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void Averages_the_foreground_classes_of_a_multi_class_prediction()
    {
        using var scope = NewDisposeScope();
        // Softmax of (0, ln 3, 0) = (.2, .6, .2); of (0, 0, ln 4) = (1/6, 1/6, 2/3). Pixel 0 is class 1, pixel 1 class 2.
        var logits = tensor(new float[] { 0, 0, (float)Math.Log(3), 0, 0, (float)Math.Log(4) }).reshape(1, 3, 1, 2);
        var target = LossTestTensors.Labels([1, 2], 1, 1, 2);

        double loss = new SoftDiceLoss().Compute(logits, target).item<float>();

        double class1 = 1 - 2 * 0.6 / (1 + 0.6 + 1.0 / 6);
        double class2 = 1 - 2 * (2.0 / 3) / (1 + 0.2 + 2.0 / 3);
        Assert.Equal((class1 + class2) / 2, loss, 5);
    }

    [Theory]
    [InlineData(new long[] { 0, 1, 1, 0 })]
    [InlineData(new long[] { 0, 0, 0, 0 })]
    [InlineData(new long[] { 1, 1, 1, 1 })]
    public void Is_zero_for_a_perfect_prediction_including_empty_and_full_masks(long[] labels)
    {
        using var scope = NewDisposeScope();
        var logits = LossTestTensors.BinaryLogits(labels.Select(l => (double)l).ToArray(), 1, 2, 2);
        var target = LossTestTensors.Labels(labels, 1, 2, 2);

        Assert.Equal(0.0, new SoftDiceLoss().Compute(logits, target).item<float>(), 6);
    }

    [Fact]
    public void Is_one_for_a_prediction_that_misses_every_foreground_pixel()
    {
        using var scope = NewDisposeScope();
        var logits = LossTestTensors.BinaryLogits([1, 0, 0, 1], 1, 2, 2);
        var target = LossTestTensors.Labels([0, 1, 1, 0], 1, 2, 2);

        Assert.Equal(1.0, new SoftDiceLoss().Compute(logits, target).item<float>(), 6);
    }

    [Fact]
    public void Is_differentiable_and_its_gradient_lowers_the_loss()
    {
        using var scope = NewDisposeScope();
        var logits = LossTestTensors.BinaryLogits([0.3, 0.4, 0.6, 0.7], 1, 2, 2, requiresGrad: true);
        var target = LossTestTensors.Labels([1, 1, 0, 0], 1, 2, 2);
        var loss = new SoftDiceLoss();

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
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_a_smoothing_that_is_not_positive_and_finite(double smoothing)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SoftDiceLoss(smoothing));
        Assert.Equal("smoothing", error.ParamName);
    }
}
