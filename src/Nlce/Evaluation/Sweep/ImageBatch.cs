using Nlce.Attacks;
using Nlce.Data.Tensors;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Some images of a <see cref="SegmentationTensorSet"/> on the compute device, with their labels and, for targeted attacks, their
/// targets by <see cref="TargetRule"/> (chosen from the whole set, so they do not depend on the batch). Disposing frees the copies.
/// </summary>
internal sealed class ImageBatch : IDisposable
{
    private ImageBatch(Tensor images, Tensor labels, Tensor? targets)
    {
        Images = images;
        Labels = labels;
        Targets = targets;
    }

    /// <summary>Images [B, C, H, W] float32 in [0, 1] on the device.</summary>
    public Tensor Images { get; }

    /// <summary>Ground truth [B, H, W] int64 on the device.</summary>
    public Tensor Labels { get; }

    /// <summary>Targets [B, H, W] int64 on the device, or null for <see cref="TargetRule.None"/>.</summary>
    public Tensor? Targets { get; }

    /// <summary>Copies the images at <paramref name="indices"/> of <paramref name="set"/> to <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="TargetRule.NextImageMask"/> on a set of fewer than two images.</exception>
    public static ImageBatch Gather(SegmentationTensorSet set, IReadOnlyList<int> indices, TargetRule targets, Device device)
    {
        if (targets == TargetRule.NextImageMask && set.Count < 2)
            throw new ArgumentException($"targets from the next image's mask need at least two images; the set has {set.Count}.", nameof(set));
        using var scope = NewDisposeScope();
        var index = tensor(indices.Select(i => (long)i).ToArray(), int64);
        var images = set.Images.index_select(0, index).to(float32).to(device);
        var labels = set.Masks.index_select(0, index).to(int64).to(device);
        Tensor? targetMaps = targets switch
        {
            TargetRule.None => null,
            TargetRule.AllBackground => zeros_like(labels),
            TargetRule.NextImageMask => set.Masks.index_select(0, (index + 1).remainder(set.Count)).to(int64).to(device),
            _ => throw new ArgumentOutOfRangeException(nameof(targets), targets, null),
        };
        return new ImageBatch(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), targetMaps?.MoveToOuterDisposeScope());
    }

    /// <summary>Runs <paramref name="attack"/> on these images, image i at ε <paramref name="epsilons"/>[i] with its own schedule and,
    /// when given, its own seed <paramref name="imageSeeds"/>[i] for the attack's random choices.</summary>
    public AttackResult Attack(IAttack attack, SegmentationModel model, IReadOnlyList<double> epsilons, IProgress<AttackProgress>? progress,
        IReadOnlyList<long>? imageSeeds = null) =>
        attack.Perturb(model, new AttackBatch(Images, Labels, epsilons, Targets, imageSeeds: imageSeeds), progress);

    /// <summary>The model's predicted label maps [B, H, W] (arg-max class) for <paramref name="images"/>, in eval mode without gradients;
    /// the model's train/eval flags are restored afterwards.</summary>
    public static Tensor Predict(SegmentationModel model, Tensor images)
    {
        using var modes = ModelModeSnapshot.SwitchToEval(model);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return model.call(images).argmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>Per-image DIC and JSC (eq. 7–8) of the model's prediction for <paramref name="images"/> against these labels.</summary>
    public OverlapScores Score(SegmentationModel model, Tensor images)
    {
        using var predicted = Predict(model, images);
        return SegmentationMetrics.FromLabels(predicted, Labels);
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        Targets?.Dispose();
    }
}
