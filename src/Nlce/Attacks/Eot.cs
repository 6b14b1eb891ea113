using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Expectation over transformation (Athalye, Engstrom, Ilyas and Kwok, "Synthesizing Robust Adversarial Examples", ICML 2018,
/// arXiv:1707.07397; as an adaptive attack on randomised defenses, Athalye et al. 2018, §4.3) around an attack: the model under
/// attack sees a randomised <c>transform(x)</c>, and every gradient the attack takes is the mean of the gradients through
/// <see cref="EotOptions.Samples"/> fresh draws of the transform (with <see cref="EotOptions.StraightThrough"/>, each draw's
/// backward pass is the identity, i.e. BPDA + EOT). Predictions use the mean logits over as many draws. The transform draws its
/// own randomness; seed it for reproducible runs.
/// </summary>
public sealed class Eot : IAttack
{
    private readonly Attack attack;
    private readonly Func<Tensor, Tensor> transform;

    /// <param name="attack">The attack to run against the defended model.</param>
    /// <param name="transform">The randomised input transform, images [B, C, H, W] → images of the same shape, one draw per call.</param>
    /// <param name="options">Draws per estimate and backward rule; null for the defaults.</param>
    public Eot(Attack attack, Func<Tensor, Tensor> transform, EotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(transform);
        this.attack = attack;
        this.transform = transform;
        Options = (options ?? new EotOptions()).Validate();
    }

    /// <summary>The wrapper's hyperparameters.</summary>
    public EotOptions Options { get; }

    /// <inheritdoc />
    public string Name => $"EOT×{Options.Samples} {attack.Name}";

    /// <inheritdoc />
    public PerturbationNorm Norm => attack.Norm;

    /// <inheritdoc />
    public AttackResult Perturb(SegmentationModel model, AttackBatch batch, IProgress<AttackProgress>? progress = null) =>
        attack.Perturb(model, batch, InputPath.Through(transform, Options.StraightThrough, Options.Samples), progress);
}
