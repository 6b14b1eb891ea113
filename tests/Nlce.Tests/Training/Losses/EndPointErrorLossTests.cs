using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Losses;

public sealed class EndPointErrorLossTests
{
    private const double Epsilon = 1e-6;

    /// <summary>The per-pixel error √(d² + ε) − √ε for an end-point distance d.</summary>
    private static double PixelError(double distance) => Math.Sqrt(distance * distance + Epsilon) - Math.Sqrt(Epsilon);

    [Fact]
    public void A_vertical_boundary_against_a_flat_prediction_costs_its_unit_derivative_on_both_sides()
    {
        using var scope = NewDisposeScope();
        // 4×4 ground truth, columns 2 and 3 foreground. Its ¼-Sobel horizontal derivative is 1 in columns 1 and 2, 0
        // elsewhere (replicated border), the vertical one 0. A flat prediction (p = .5) has no derivative.
        long[] rightHalf = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1];
        var target = LossTestTensors.Labels(rightHalf, 1, 4, 4);
        var logits = LossTestTensors.BinaryLogits(Enumerable.Repeat(0.5, 16).ToArray(), 1, 4, 4);

        double loss = new EndPointErrorLoss(Epsilon).Compute(logits, target).item<float>();

        Assert.Equal(8 * PixelError(1) / 16, loss, 5);
    }

    [Fact]
    public void A_half_height_step_leaves_half_the_end_point_error()
    {
        using var scope = NewDisposeScope();
        // Ground truth: bottom two rows foreground. Prediction p = .5 exactly where the truth is 1: every derivative is
        // half the truth's, so rows 1 and 2 keep a vertical error of .5.
        long[] bottomHalf = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
        var target = LossTestTensors.Labels(bottomHalf, 1, 4, 4);
        var logits = LossTestTensors.BinaryLogits(bottomHalf.Select(t => 0.5 * t).ToArray(), 1, 4, 4);

        double loss = new EndPointErrorLoss(Epsilon).Compute(logits, target).item<float>();

        Assert.Equal(8 * PixelError(0.5) / 16, loss, 5);
    }

    [Fact]
    public void A_single_pixel_combines_horizontal_and_vertical_derivatives()
    {
        using var scope = NewDisposeScope();
        // 3×3 ground truth with only the centre foreground; ¼-Sobel derivatives of it: |u| = |v| = ¼ at the corners,
        // (|u|, |v|) = (½, 0) or (0, ½) at the edge middles, 0 at the centre. Flat prediction.
        var target = LossTestTensors.Labels([0, 0, 0, 0, 1, 0, 0, 0, 0], 1, 3, 3);
        var logits = LossTestTensors.BinaryLogits(Enumerable.Repeat(0.5, 9).ToArray(), 1, 3, 3);

        double loss = new EndPointErrorLoss(Epsilon).Compute(logits, target).item<float>();

        double expected = (4 * PixelError(Math.Sqrt(2) / 4) + 4 * PixelError(0.5)) / 9;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void The_image_border_is_not_a_boundary()
    {
        using var scope = NewDisposeScope();
        // All-foreground truth and a flat prediction: both have zero derivative everywhere, the border included.
        var target = LossTestTensors.Labels(Enumerable.Repeat(1L, 9).ToArray(), 1, 3, 3);
        var logits = LossTestTensors.BinaryLogits(Enumerable.Repeat(0.3, 9).ToArray(), 1, 3, 3);

        Assert.Equal(0.0, new EndPointErrorLoss(Epsilon).Compute(logits, target).item<float>(), 6);
    }

    [Fact]
    public void Is_zero_for_a_perfect_prediction()
    {
        using var scope = NewDisposeScope();
        long[] blob = [0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0];
        var target = LossTestTensors.Labels(blob, 1, 4, 4);
        var logits = LossTestTensors.BinaryLogits(blob.Select(t => (double)t).ToArray(), 1, 4, 4);

        Assert.Equal(0.0, new EndPointErrorLoss().Compute(logits, target).item<float>(), 6);
    }

    [Fact]
    public void Is_differentiable_and_its_gradient_lowers_the_loss()
    {
        using var scope = NewDisposeScope();
        long[] blob = [0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0];
        var target = LossTestTensors.Labels(blob, 1, 4, 4);
        var logits = LossTestTensors.BinaryLogits(Enumerable.Repeat(0.5, 16).ToArray(), 1, 4, 4, requiresGrad: true);
        var loss = new EndPointErrorLoss();

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
    [InlineData(-1e-6)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_an_epsilon_that_is_not_positive_and_finite(double epsilon)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EndPointErrorLoss(epsilon));
        Assert.Equal("epsilon", error.ParamName);
    }
}
