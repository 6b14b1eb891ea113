using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Backward pass differentiable approximation (Athalye, Carlini and Wagner, "Obfuscated Gradients Give a False Sense of
/// Security", ICML 2018, arXiv:1802.00420, §4.1) around an attack: the model under attack sees <c>transform(x)</c> (a
/// defense such as 8-bit quantisation or JPEG), and the attack's gradient passes through the transform as if it were the
/// identity, so a non-differentiable or gradient-masking input transform does not stall it. Predictions (e.g. PGD's worst-case
/// choice) are made through the transform; the ε-ball and the reported sizes are around the untransformed input.
/// </summary>
public sealed class Bpda : IAttack
{
    private readonly Attack attack;
    private readonly Func<Tensor, Tensor> transform;

    /// <param name="attack">The attack to run against the defended model.</param>
    /// <param name="transform">The input transform, images [B, C, H, W] → images of the same shape.</param>
    public Bpda(Attack attack, Func<Tensor, Tensor> transform)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(transform);
        this.attack = attack;
        this.transform = transform;
    }

    /// <inheritdoc />
    public string Name => $"BPDA {attack.Name}";

    /// <inheritdoc />
    public PerturbationNorm Norm => attack.Norm;

    /// <inheritdoc />
    public AttackResult Perturb(SegmentationModel model, AttackBatch batch, IProgress<AttackProgress>? progress = null) =>
        attack.Perturb(model, batch, InputPath.Through(transform, straightThrough: true, samples: 1), progress);
}
