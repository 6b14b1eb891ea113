using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

internal static class TensorsEqual
{
    /// <summary>Same shape and bitwise the same values.</summary>
    public static bool Exactly(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
    }
}
