using Nlce.Models;

namespace Nlce.Attacks;

/// <summary>
/// An adversarial attack on a segmentation model (NLCEN paper, Adversarial Attacks section and eq. 6). Every attack
/// runs the model in eval mode, leaves its train/eval modes, weights and parameter gradients as it found them, and returns
/// images in [0, 1] whose perturbation stays within each image's ε in the attack's <see cref="Norm"/>.
/// </summary>
public interface IAttack
{
    /// <summary>A short display name, e.g. <c>targeted I-FGSM</c>.</summary>
    string Name { get; }

    /// <summary>The norm in which ε bounds the perturbation.</summary>
    PerturbationNorm Norm { get; }

    /// <summary>Attacks <paramref name="model"/> on <paramref name="batch"/>.</summary>
    /// <param name="model">The model under attack; its <c>forward</c> logits (NLCEN: the refined prediction) define the loss.
    /// It must live on the device of <see cref="AttackBatch.Images"/>.</param>
    /// <param name="batch">Images, labels, per-image ε and optional targets and iteration budgets.</param>
    /// <param name="progress">Receives one report per iteration, on the calling thread; null for none.</param>
    /// <exception cref="ArgumentException">The batch does not fit the model or the attack (channels, label range, image range,
    /// missing targets, an ε the attack cannot use).</exception>
    AttackResult Perturb(SegmentationModel model, AttackBatch batch, IProgress<AttackProgress>? progress = null);
}
