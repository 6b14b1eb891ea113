using static TorchSharp.torch;

namespace Nlce.Defenses;

/// <summary>
/// An input-transformation defense: the defended system is <c>model(Apply(x))</c> (frequency refinement, Liu et al., MICCAI 2020,
/// seed 003; JPEG compression as its baseline). Attacks against it may ignore it, pass their gradient through it as the identity
/// (BPDA, Athalye et al. 2018 §4.1) or, when it is randomised, average over its draws (EOT, §4.3).
/// </summary>
public interface IInputDefense
{
    /// <summary>A short name for result keys and reports, lower case without blanks, e.g. <c>fr</c> or <c>jpeg-q75</c>.</summary>
    string Name { get; }

    /// <summary>Whether two calls on the same images may return different images (then EOT is the adaptive attack to use).</summary>
    bool IsRandomized { get; }

    /// <summary>Transforms images [B, C, H, W] with values in [0, 1] into images of the same shape, dtype and device in [0, 1].</summary>
    /// <exception cref="ArgumentException">The images are not [B, C, H, W] or have values outside [0, 1].</exception>
    Tensor Apply(Tensor images);
}
