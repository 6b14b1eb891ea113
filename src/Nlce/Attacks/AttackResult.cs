using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// What an attack produced and what it used, per image. Dispose it to free <see cref="Adversarial"/>.
/// </summary>
/// <param name="Adversarial">Adversarial images [B, C, H, W] in [0, 1], detached, on the input's device.</param>
/// <param name="Epsilons">The ε budget of each image, intensity units (+∞: unbounded).</param>
/// <param name="Iterations">Gradient iterations spent on each image (over all restarts).</param>
/// <param name="LinfNorms">Measured ‖x_adv − x‖∞ of each image, intensity units.</param>
/// <param name="L2Norms">Measured ‖x_adv − x‖₂ of each image, intensity units.</param>
public sealed record AttackResult(Tensor Adversarial, double[] Epsilons, int[] Iterations, double[] LinfNorms, double[] L2Norms) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Adversarial.Dispose();
}
