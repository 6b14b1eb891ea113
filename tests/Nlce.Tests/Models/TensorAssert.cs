using static TorchSharp.torch;

namespace Nlce.Tests.Models;

/// <summary>Tensor comparisons whose failure messages say by how much.</summary>
internal static class TensorAssert
{
    public static void BitIdentical(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        Assert.True(expected.eq(actual).all().item<bool>(), $"{what}: values differ");
    }

    public static void Close(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        using var scope = NewDisposeScope();
        double scale = Math.Max(1.0, expected.abs().max().to(ScalarType.Float64).item<double>());
        double difference = (expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max().item<double>();
        Assert.True(difference <= tolerance * scale, $"{what}: max |Δ| = {difference:g3} > {tolerance:g3} × {scale:g3}");
    }
}
