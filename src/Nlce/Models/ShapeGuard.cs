using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>Input-shape checks shared by the modules of this namespace; messages state the expected and actual shape.</summary>
internal static class ShapeGuard
{
    /// <summary>Requires a [B, <paramref name="channels"/>, H, W] tensor with B, H, W ≥ 1.</summary>
    /// <exception cref="ArgumentException">The tensor has another rank or channel count.</exception>
    public static void RequireFeatureMap(Tensor input, long channels, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(input, parameterName);
        if (input.dim() != 4 || input.shape[1] != channels || input.shape[0] < 1 || input.shape[2] < 1 || input.shape[3] < 1)
            throw new ArgumentException(
                $"Expected a [B, {channels}, H, W] feature map, got [{string.Join(", ", input.shape)}].", parameterName);
    }
}
