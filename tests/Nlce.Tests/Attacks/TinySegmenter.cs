using Nlce.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlce.Tests.Attacks;

/// <summary>
/// A few-convolution segmentation network standing in for the real models: conv → batch norm → ReLU → dilated conv → ReLU →
/// 1×1 head. The batch norm makes train and eval mode differ (running statistics), which the mode tests rely on.
/// </summary>
internal sealed class TinySegmenter : SegmentationModel
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly Conv2d head;

    private TinySegmenter(int inputChannels, int classes, int width) : base(new ModelConfig("tiny-segmenter", inputChannels, classes))
    {
        conv1 = Conv2d(inputChannels, width, 3, padding: 1);
        bn1 = BatchNorm2d(width);
        conv2 = Conv2d(width, width, 3, padding: 2, dilation: 2);
        head = Conv2d(width, classes, 1);
        RegisterComponents();
    }

    /// <summary>A network whose weights are drawn from <paramref name="seed"/> alone (He-normal weights, zero biases), so tests do not
    /// depend on torch's global generator.</summary>
    public static TinySegmenter Create(int seed, int inputChannels = 1, int classes = 2, int width = 8)
    {
        var model = new TinySegmenter(inputChannels, classes, width);
        using var generator = new Generator((ulong)seed, CPU);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.StartsWith("bn", StringComparison.Ordinal))
                continue;
            if (name.EndsWith("bias", StringComparison.Ordinal))
                parameter.zero_();
            else
            {
                double fanIn = parameter.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                using var draw = randn(parameter.shape, generator: generator) * Math.Sqrt(2 / fanIn);
                parameter.copy_(draw);
            }
        }
        return model;
    }

    public override LossKind DefaultLoss => LossKind.CrossEntropy;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var features = functional.relu(bn1.call(conv1.call(input)));
        features = functional.relu(conv2.call(features));
        return head.call(features).MoveToOuterDisposeScope();
    }
}
