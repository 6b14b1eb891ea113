using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// What one attack call works on: a batch of clean images with their ground truth, a budget ε per image, and, for
/// targeted attacks, a target label map per image. Per-image ε and iteration budgets let one batch carry several ε at once
/// (the robustness sweep batches across the ε list of NLCEN's Adversarial Attacks section).
/// </summary>
/// <remarks>
/// The tensors stay owned by the caller; the attack neither changes nor disposes them. Shapes and the ε values are checked
/// here; the image range [0, 1] and the label range [0, classes) are checked when an attack runs, against the model.
/// </remarks>
public sealed class AttackBatch
{
    /// <param name="images">Clean images [B, C, H, W], floating point, in [0, 1].</param>
    /// <param name="labels">Ground-truth label maps [B, H, W], integer class indices.</param>
    /// <param name="epsilons">ε per image in intensity units (0–255 scale), each ≥ 0; +∞ only for attacks without a norm bound (ASMA).</param>
    /// <param name="targets">Target label maps [B, H, W] for targeted attacks (ti-FGSM, ASMA); null otherwise.</param>
    /// <param name="iterationBudgets">Iterations per image (each ≥ 0), overriding the attack's own schedule; null keeps the schedule.
    /// Images whose budget is spent stop moving while the others go on.</param>
    /// <param name="imageSeeds">A seed per image for the attack's per-image random choices (the PGD family's random start), so that
    /// an image's adversarial example depends on its own seed and not on the other images of its batch; null uses each image's
    /// position in the batch as its seed.</param>
    /// <exception cref="ArgumentException">A shape, dtype, length or value does not fit; the message names the argument.</exception>
    public AttackBatch(Tensor images, Tensor labels, IReadOnlyList<double> epsilons, Tensor? targets = null, IReadOnlyList<int>? iterationBudgets = null,
        IReadOnlyList<long>? imageSeeds = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(epsilons);
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [B, C, H, W]; got shape {Shape(images)}.", nameof(images));
        if (!images.is_floating_point())
            throw new ArgumentException($"images must be floating point in [0, 1]; got {images.dtype}.", nameof(images));
        long batch = images.shape[0];
        if (batch == 0)
            throw new ArgumentException("images holds no image (B = 0).", nameof(images));
        CheckLabelMap(labels, images, nameof(labels));
        if (targets is not null)
            CheckLabelMap(targets, images, nameof(targets));
        if (epsilons.Count != batch)
            throw new ArgumentException($"expected one ε per image ({batch}); got {epsilons.Count}.", nameof(epsilons));
        for (int i = 0; i < epsilons.Count; i++)
            if (double.IsNaN(epsilons[i]) || epsilons[i] < 0)
                throw new ArgumentException($"ε[{i}] = {epsilons[i]}; every ε must be ≥ 0 (intensity units, 0–255 scale).", nameof(epsilons));
        if (iterationBudgets is not null)
        {
            if (iterationBudgets.Count != batch)
                throw new ArgumentException($"expected one iteration budget per image ({batch}); got {iterationBudgets.Count}.", nameof(iterationBudgets));
            for (int i = 0; i < iterationBudgets.Count; i++)
                if (iterationBudgets[i] < 0)
                    throw new ArgumentException($"iteration budget [{i}] = {iterationBudgets[i]}; budgets must be ≥ 0.", nameof(iterationBudgets));
        }
        if (imageSeeds is not null && imageSeeds.Count != batch)
            throw new ArgumentException($"expected one seed per image ({batch}); got {imageSeeds.Count}.", nameof(imageSeeds));

        Images = images;
        Labels = labels;
        Targets = targets;
        Epsilons = [.. epsilons];
        IterationBudgets = iterationBudgets is null ? null : [.. iterationBudgets];
        ImageSeeds = imageSeeds is null ? Enumerable.Range(0, epsilons.Count).Select(i => (long)i).ToArray() : [.. imageSeeds];
    }

    /// <summary>A batch whose images all share one ε.</summary>
    public static AttackBatch WithEpsilon(Tensor images, Tensor labels, double epsilon, Tensor? targets = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new AttackBatch(images, labels, Enumerable.Repeat(epsilon, checked((int)images.shape[0])).ToArray(), targets);
    }

    /// <summary>Clean images [B, C, H, W] in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>Ground-truth label maps [B, H, W].</summary>
    public Tensor Labels { get; }

    /// <summary>Target label maps [B, H, W], or null.</summary>
    public Tensor? Targets { get; }

    /// <summary>ε per image, intensity units.</summary>
    public IReadOnlyList<double> Epsilons { get; }

    /// <summary>Iterations per image overriding the attack's schedule, or null.</summary>
    public IReadOnlyList<int>? IterationBudgets { get; }

    /// <summary>Seed of each image's random choices: as given, or the image's position in the batch when none were given.</summary>
    public IReadOnlyList<long> ImageSeeds { get; }

    /// <summary>Number of images B.</summary>
    public int Count => Epsilons.Count;

    private static void CheckLabelMap(Tensor map, Tensor images, string name)
    {
        if (map.dim() != 3 || map.shape[0] != images.shape[0] || map.shape[1] != images.shape[2] || map.shape[2] != images.shape[3])
            throw new ArgumentException(
                $"{name} must be [B, H, W] = [{images.shape[0]}, {images.shape[2]}, {images.shape[3]}] to match images {Shape(images)}; got {Shape(map)}.",
                name);
        if (map.is_floating_point() || map.dtype == ScalarType.Bool)
            throw new ArgumentException($"{name} must hold integer class indices; got {map.dtype}.", name);
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
