using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>The input check every baseline's <c>forward</c> starts with.</summary>
internal static class BaselineInput
{
    /// <summary>
    /// Requires images [B, <see cref="ModelConfig.InputChannels"/>, H, W] with B ≥ 1 and H, W positive multiples of
    /// <paramref name="totalStride"/>, so that every down-sampling divides evenly and the logits come back at input size.
    /// </summary>
    /// <exception cref="ArgumentException">The input has another rank, channel count or size; the message gives both.</exception>
    public static void Validate(Tensor input, ModelConfig config, int totalStride)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool fits = input.dim() == 4
            && input.shape[0] >= 1
            && input.shape[1] == config.InputChannels
            && input.shape[2] >= totalStride && input.shape[2] % totalStride == 0
            && input.shape[3] >= totalStride && input.shape[3] % totalStride == 0;
        if (!fits)
            throw new ArgumentException(
                $"{config.Name} expects images [B, {config.InputChannels}, H, W] with H and W positive multiples of its total " +
                $"stride {totalStride}; got [{string.Join(", ", input.shape)}].",
                nameof(input));
    }
}
