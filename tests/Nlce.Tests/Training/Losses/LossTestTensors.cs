using static TorchSharp.torch;

namespace Nlce.Tests.Training.Losses;

/// <summary>Hand-made inputs for the loss tests.</summary>
internal static class LossTestTensors
{
    /// <summary>Logit that saturates float32 softmax to exactly 0 or 1 for probabilities given as 0 or 1.</summary>
    private const double Saturated = 40.0;

    /// <summary>
    /// Binary logits [B, 2, H, W] (background logit 0) whose softmax foreground probability equals <paramref name="foreground"/>
    /// (row-major B·H·W values in [0, 1]; 0 and 1 are reached by saturation).
    /// </summary>
    public static Tensor BinaryLogits(double[] foreground, long batch, long height, long width, bool requiresGrad = false)
    {
        Assert.Equal(batch * height * width, foreground.Length);
        var logit = foreground.Select(p => (float)(p <= 0 ? -Saturated : p >= 1 ? Saturated : Math.Log(p / (1 - p)))).ToArray();
        var fg = tensor(logit).reshape(batch, 1, height, width);
        var logits = cat([zeros_like(fg), fg], 1).detach();
        return requiresGrad ? logits.requires_grad_() : logits;
    }

    /// <summary>Integer labels [B, H, W] from row-major values.</summary>
    public static Tensor Labels(long[] labels, long batch, long height, long width) =>
        tensor(labels).reshape(batch, height, width);
}
