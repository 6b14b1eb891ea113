using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>
/// A tiny synthetic segmentation task: one slightly brighter square on grey noise per image; the mask is the square.
/// Low contrast keeps the margins small, as in real images, so a few intensity levels of perturbation matter.
/// </summary>
internal static class SquaresTask
{
    public const int Size = 32;

    /// <summary>Brightness of the square over the background: 0.08, about 20 intensity levels.</summary>
    public const double Contrast = 0.08;

    /// <summary>Standard deviation of the background noise.</summary>
    public const double NoiseLevel = 0.04;

    /// <summary><paramref name="count"/> images [N, 1, 32, 32] in [0, 1] and masks [N, 32, 32] int64, drawn from <paramref name="seed"/>.</summary>
    public static (Tensor Images, Tensor Labels) Make(int count, int seed)
    {
        var random = new Random(seed);
        using var generator = new Generator((ulong)seed, CPU);
        var labels = zeros(count, Size, Size, dtype: int64);
        for (int i = 0; i < count; i++)
        {
            int side = random.Next(8, 15);
            int top = random.Next(0, Size - side), left = random.Next(0, Size - side);
            labels[i, TensorIndex.Slice(top, top + side), TensorIndex.Slice(left, left + side)] = 1;
        }
        using var scope = NewDisposeScope();
        var noise = randn(count, 1, Size, Size, generator: generator) * NoiseLevel + 0.4;
        var images = (noise + labels.unsqueeze(1).to(float32) * Contrast).clamp(0, 1);
        return (images.MoveToOuterDisposeScope(), labels);
    }
}
