using Nlce.Attacks;
using Nlce.Charts;
using Nlce.Data.Tensors;
using Nlce.Evaluation;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// Attacks one test image of a model and collects what Fig. 1 and Fig. 6 of the NLCEN paper show for it: the input, the
/// adversarial image, the predictions on both, and their DIC/JSC against the ground truth.
/// </summary>
public static class SingleImageAttack
{
    /// <summary>
    /// Runs <paramref name="attack"/> with budget <paramref name="epsilon"/> (intensity units) on test image
    /// <paramref name="index"/> of <paramref name="data"/> against <paramref name="model"/>, which must live on
    /// <paramref name="device"/>. The model is left in evaluation mode.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index names no test image or ε is negative.</exception>
    public static AttackedImage Run(IAttack attack, SegmentationModel model, WorkbenchDataset data, int index, double epsilon, Device device,
        IProgress<AttackProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(device);
        data.CheckIndex(index);
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a finite number ≥ 0 (intensity units, 0–255 scale).");
        using var scope = NewDisposeScope();
        var image = data.Test.Images.narrow(0, index, 1).to(device);
        var labels = data.Test.Masks.narrow(0, index, 1).to(int64).to(device);
        using var result = attack.Perturb(model, AttackBatch.WithEpsilon(image, labels, epsilon), progress);
        model.eval();
        Tensor cleanLogits, adversarialLogits;
        using (no_grad())
        {
            cleanLogits = model.call(image);
            adversarialLogits = model.call(result.Adversarial);
        }
        var clean = SegmentationMetrics.FromLogits(cleanLogits, labels);
        var adversarial = SegmentationMetrics.FromLogits(adversarialLogits, labels);
        var example = new QualitativeExample(model.Config.Name,
            ImageTensors.ToImage(image[0]), ImageTensors.ToImage(result.Adversarial[0]),
            ImageTensors.ToMask(adversarialLogits.argmax(1)[0]), ImageTensors.ToMask(cleanLogits.argmax(1)[0]),
            ImageTensors.ToMask(labels[0]));
        return new AttackedImage(example, attack.Name, epsilon, result.Iterations[0], result.LinfNorms[0],
            clean.Dice[0], adversarial.Dice[0], clean.Jaccard[0], adversarial.Jaccard[0]);
    }
}
