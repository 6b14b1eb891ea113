using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// The place where a baseline's <c>+NLCE</c> variant carries its non-local context encoder: "between the last
/// down-sampling layer and the first up-sampling layer" (NLCEN paper, Generalization). The module is made by a factory
/// that receives the channel count at that place, so the baselines do not depend on how the encoder is built.
/// </summary>
internal static class NlceSlot
{
    /// <summary>Builds the module for <paramref name="channels"/> channels, or returns null for the plain baseline.</summary>
    /// <exception cref="ArgumentException">The factory returned null.</exception>
    public static nn.Module<Tensor, Tensor>? Create(Func<long, nn.Module<Tensor, Tensor>>? factory, long channels, string parameterName) =>
        factory is null
            ? null
            : factory(channels) ?? throw new ArgumentException($"The bottleneck factory returned null for {channels} channels.", parameterName);

    /// <summary>Runs the module on <paramref name="features"/> (identity when there is none) and checks it kept their shape.</summary>
    /// <exception cref="InvalidOperationException">The module changed the shape of the feature map.</exception>
    public static Tensor Apply(nn.Module<Tensor, Tensor>? module, Tensor features)
    {
        if (module is null)
            return features;
        var output = module.call(features);
        if (!output.shape.SequenceEqual(features.shape))
            throw new InvalidOperationException(
                $"The bottleneck module must keep the feature-map shape [{string.Join(", ", features.shape)}]; it returned " +
                $"[{string.Join(", ", output.shape)}].");
        return output;
    }
}
