using Nlce.Defenses;
using static TorchSharp.torch;

namespace Nlce.Tests.Defenses;

/// <summary>A randomised input defense for the EOT tests: adds uniform noise of ±<c>amplitude</c> intensity levels, drawn from a
/// seeded generator on the CPU, and clips to [0, 1].</summary>
internal sealed class UniformNoiseDefense(int seed, double amplitude = 4) : IInputDefense
{
    private readonly Generator generator = new((ulong)seed, CPU);

    public string Name => "noise";

    public bool IsRandomized => true;

    public Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        var noise = (rand(images.shape, generator: generator, dtype: images.dtype) * 2 - 1) * (amplitude / 255.0);
        return (images + noise.to(images.device)).clamp(0, 1).MoveToOuterDisposeScope();
    }

    public override string ToString() => $"uniform noise ±{amplitude}";
}
