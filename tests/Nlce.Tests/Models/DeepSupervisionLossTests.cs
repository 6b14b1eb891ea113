using Nlce.Models;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Models;

/// <summary>Tests of NLCEN's eq. 5 loss (kept beside the model tests because this area owns the loss).</summary>
public sealed class DeepSupervisionLossTests
{
    // One image of 1×2 pixels, two classes, targets [1, 0]. Logits per output: (pixel 0: [a, b], pixel 1: [c, d]).
    private static readonly double[][] LevelLogits = [[0, 1, 2, 0], [1, 1, 0, 0], [-1, 2, 0.5, 0.5], [3, 0, 0, 3]];
    private static readonly double[] RefinedLogits = [0.2, 0.7, 1.5, -0.5];

    private static double CrossEntropy(double[] l) =>
        // mean over the two pixels of −log softmax at the target class (pixel 0 → class 1, pixel 1 → class 0)
        (-(l[1] - Math.Log(Math.Exp(l[0]) + Math.Exp(l[1]))) - (l[2] - Math.Log(Math.Exp(l[2]) + Math.Exp(l[3])))) / 2;

    private static Tensor Logits(double[] l) => tensor(new[] { (float)l[0], (float)l[2], (float)l[1], (float)l[3] }).reshape(1, 2, 1, 2);

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void Equals_a_quarter_of_the_level_losses_plus_lambda_times_the_refined_loss(double lambda)
    {
        using var scope = NewDisposeScope();
        var outputs = new SegmentationOutputs(Logits(RefinedLogits), LevelLogits.Select(Logits).ToArray());
        var target = tensor(new long[] { 1, 0 }).reshape(1, 1, 2);
        double expected = LevelLogits.Sum(CrossEntropy) / 4 + lambda * CrossEntropy(RefinedLogits);
        Assert.Equal(expected, new DeepSupervisionLoss(lambda).Compute(outputs, target).item<float>(), 5);
    }

    [Fact]
    public void Uses_the_papers_lambda_by_default_and_is_differentiable()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0.25, new DeepSupervisionLoss().RefinementWeight);
        var refined = Logits(RefinedLogits).requires_grad_();
        var level = Logits(LevelLogits[0]).requires_grad_();
        var loss = new DeepSupervisionLoss().Compute(new SegmentationOutputs(refined, [level, level, level, level]), tensor(new long[] { 1, 0 }).reshape(1, 1, 2));
        loss.backward();
        Assert.True(refined.grad!.abs().sum().item<float>() > 0);
        Assert.True(level.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Rejects_missing_levels_mismatched_shapes_and_float_targets()
    {
        using var scope = NewDisposeScope();
        var loss = new DeepSupervisionLoss();
        var logits = zeros(1, 2, 1, 2);
        var target = zeros(1, 1, 2, ScalarType.Int64);
        Assert.Contains("Auxiliary is empty", Assert.Throws<ArgumentException>(() => loss.Compute(new SegmentationOutputs(logits, []), target)).Message);
        var wrong = Assert.Throws<ArgumentException>(() => loss.Compute(new SegmentationOutputs(logits, [zeros(1, 2, 2, 2)]), target));
        Assert.Contains("Auxiliary[0] has shape [1, 2, 2, 2]", wrong.Message);
        Assert.Contains("int64", Assert.Throws<ArgumentException>(() => loss.Compute(new SegmentationOutputs(logits, [logits]), zeros(1, 1, 2))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepSupervisionLoss(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepSupervisionLoss(double.NaN));
    }
}
