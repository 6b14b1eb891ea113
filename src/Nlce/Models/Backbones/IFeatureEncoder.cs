using static TorchSharp.torch;

namespace Nlce.Models.Backbones;

/// <summary>
/// The encoder contract, written down once: an encoder maps images [B, C_in, H, W] to one feature map per entry of
/// <see cref="Levels"/>, in that order (finest first, each stride twice the previous one), the i-th with
/// <c>Levels[i].Channels</c> channels and spatial size ⌈H / Levels[i].Stride⌉ × ⌈W / Levels[i].Stride⌉; H and W must
/// be multiples of <see cref="TotalStride"/> for the sizes to be exact.
/// </summary>
public interface IFeatureEncoder
{
    /// <summary>The feature maps returned, finest first.</summary>
    IReadOnlyList<FeatureLevel> Levels { get; }

    /// <summary>The stride of the coarsest level.</summary>
    int TotalStride { get; }

    /// <summary>Runs the encoder: one tensor per level, in the order of <see cref="Levels"/>.</summary>
    IReadOnlyList<Tensor> Encode(Tensor input);
}
