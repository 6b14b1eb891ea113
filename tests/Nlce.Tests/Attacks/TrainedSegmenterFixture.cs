using Nlce.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>
/// A <see cref="TinySegmenter"/> trained once per test class on <see cref="SquaresTask"/> (Adam, cross-entropy, a few hundred
/// steps, ~2 s on two cores), and a held-out test batch it segments well.
/// </summary>
public sealed class TrainedSegmenterFixture : IDisposable
{
    private const int Steps = 200;

    public TrainedSegmenterFixture()
    {
        Model = TinySegmenter.Create(seed: 11);
        (Images, Labels) = SquaresTask.Make(8, seed: 2024);
        var (trainImages, trainLabels) = SquaresTask.Make(64, seed: 7);
        using (trainImages)
        using (trainLabels)
        {
            Model.train();
            using var optimizer = optim.Adam(Model.parameters(), lr: 0.01);
            for (int step = 0; step < Steps; step++)
            {
                using var scope = NewDisposeScope();
                long start = step * 16 % 64;
                var images = trainImages[TensorIndex.Slice(start, start + 16)];
                var labels = trainLabels[TensorIndex.Slice(start, start + 16)];
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(Model.call(images), labels);
                loss.backward();
                optimizer.step();
            }
            optimizer.zero_grad();
        }
        Model.eval();
        foreach (var parameter in Model.parameters())
            parameter.grad = null;
        using var noGrad = no_grad();
        using var logits = Model.call(Images);
        CleanDice = SegmentationMetrics.FromLogits(logits, Labels).MeanDice;
    }

    internal TinySegmenter Model { get; }

    /// <summary>Held-out images [8, 1, 32, 32].</summary>
    public Tensor Images { get; }

    /// <summary>Their masks [8, 32, 32].</summary>
    public Tensor Labels { get; }

    /// <summary>Mean DIC of the model on the clean test images.</summary>
    public double CleanDice { get; }

    public void Dispose()
    {
        Model.Dispose();
        Images.Dispose();
        Labels.Dispose();
    }
}
