using Nlce.Models;
using Nlce.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Training;

public sealed class LossTests
{
    /// <summary>One pixel, two classes: CE = −log softmax(z)[y] = log(1 + e^(z_other − z_y)).</summary>
    [Theory]
    [InlineData(0.0, 0.0, 0, 0.69314718055994531)]          // log 2
    [InlineData(0.0, 1.0986122886681098, 1, 0.28768207245178090)] // z1 = log 3: p1 = 3/4, −log(3/4)
    [InlineData(0.0, 1.0986122886681098, 0, 1.3862943611198906)]  // p0 = 1/4, −log(1/4) = log 4
    [InlineData(2.0, -1.0, 1, 3.0485873515737420)]          // log(1 + e³)
    public void Cross_entropy_of_one_pixel_equals_the_hand_computed_value(double z0, double z1, long label, double expected)
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new[] { (float)z0, (float)z1 }).reshape(1, 2, 1, 1);
        var target = tensor(new[] { label }).reshape(1, 1, 1);
        Assert.Equal(expected, CrossEntropyLoss.Compute(logits, target).ToDouble(), 5);
    }

    [Fact]
    public void Cross_entropy_is_the_mean_over_pixels_and_images()
    {
        using var scope = NewDisposeScope();
        // Two images of one pixel each: losses log 2 and log 4; mean = 1.5 log 2.
        var logits = tensor(new[] { 0f, 0f, 0f, (float)Math.Log(3) }).reshape(2, 1, 1, 2).permute(0, 3, 1, 2);
        var target = tensor(new long[] { 1, 0 }).reshape(2, 1, 1);
        Assert.Equal(1.5 * Math.Log(2), CrossEntropyLoss.Compute(logits, target).ToDouble(), 5);
    }

    [Fact]
    public void Cross_entropy_rejects_mismatched_shapes_float_labels_and_labels_out_of_range()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 2, 4, 4);
        Assert.Contains("[2, 4, 4]", Assert.Throws<ArgumentException>(() => CrossEntropyLoss.Compute(logits, zeros(2, 4, 5, int64))).Message);
        Assert.Contains("int64", Assert.Throws<ArgumentException>(() => CrossEntropyLoss.Compute(logits, zeros(2, 4, 4))).Message);
        Assert.Contains("found labels in [2, 2]", Assert.Throws<ArgumentException>(() => CrossEntropyLoss.Compute(logits, full(2, 4, 4, 2L))).Message);
        Assert.Throws<ArgumentException>(() => CrossEntropyLoss.Compute(zeros(2, 4, 4), zeros(2, 4, 4, int64)));
    }

    [Fact]
    public void Cross_entropy_refuses_to_ignore_auxiliary_outputs()
    {
        using var scope = NewDisposeScope();
        var outputs = new SegmentationOutputs(zeros(1, 2, 2, 2), [zeros(1, 2, 2, 2)]);
        var e = Assert.Throws<ArgumentException>(() => CrossEntropyLoss.Loss(outputs, zeros(1, 2, 2, int64)));
        Assert.Contains(nameof(LossKind.DeepSupervision), e.Message);
    }

    [Fact]
    public void The_factory_dispatches_each_kind_to_its_function_and_names_the_available_kinds_for_a_missing_one()
    {
        using var scope = NewDisposeScope();
        SegmentationLoss dice = (o, t) => o.Logits.sum() * 0 + 7;
        var factory = new LossFactory(new Dictionary<LossKind, SegmentationLoss> { [LossKind.SoftDice] = dice });
        Assert.Equal([LossKind.CrossEntropy, LossKind.SoftDice], factory.Kinds);
        Assert.Same(dice, factory.Create(LossKind.SoftDice));
        var outputs = new SegmentationOutputs(zeros(1, 2, 1, 1), []);
        Assert.Equal(Math.Log(2), factory.Create(LossKind.CrossEntropy)(outputs, zeros(1, 1, 1, int64)).ToDouble(), 5);
        var e = Assert.Throws<ArgumentException>(() => factory.Create(LossKind.JaccardDistance));
        Assert.Contains("JaccardDistance", e.Message);
        Assert.Contains("CrossEntropy, SoftDice", e.Message);
    }

    [Fact]
    public void The_factory_rejects_replacing_cross_entropy_and_undefined_kinds()
    {
        SegmentationLoss any = (o, t) => o.Logits.sum();
        Assert.Throws<ArgumentException>(() => new LossFactory(new Dictionary<LossKind, SegmentationLoss> { [LossKind.CrossEntropy] = any }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossFactory(new Dictionary<LossKind, SegmentationLoss> { [(LossKind)99] = any }));
    }
}
