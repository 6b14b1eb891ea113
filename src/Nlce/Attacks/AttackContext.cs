using Nlce.Evaluation;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>A gradient of an attack objective with respect to the input, and the (detached) logits it was taken at.</summary>
internal sealed record GradientEstimate(Tensor Gradient, Tensor Logits);

/// <summary>
/// Everything one attack call works with, already validated and on the input's device: the model along its
/// <see cref="InputPath"/>, the clean images, labels and targets, the per-image radii and iteration budgets, and progress.
/// </summary>
internal sealed class AttackContext
{
    private readonly SegmentationModel model;
    private readonly InputPath path;
    private readonly IProgress<AttackProgress>? progress;
    private readonly string attackName;

    public AttackContext(SegmentationModel model, InputPath path, AttackBatch batch, int[] budgets, string attackName,
        IProgress<AttackProgress>? progress)
    {
        this.model = model;
        this.path = path;
        this.progress = progress;
        this.attackName = attackName;
        Original = batch.Images.detach();
        Labels = batch.Labels.to(int64, Original.device);
        Targets = batch.Targets?.to(int64, Original.device);
        Epsilon = tensor(batch.Epsilons.Select(IntensityScale.ToUnitRange).ToArray(), dtype: Original.dtype, device: Original.device);
        Budgets = budgets;
        ImageSeeds = [.. batch.ImageSeeds];
    }

    /// <summary>Clean images x [B, C, H, W] in [0, 1].</summary>
    public Tensor Original { get; }

    /// <summary>Ground truth [B, H, W] int64.</summary>
    public Tensor Labels { get; }

    /// <summary>Targets [B, H, W] int64, when the batch has them.</summary>
    public Tensor? Targets { get; }

    /// <summary>ε per image on the [0, 1] scale, [B].</summary>
    public Tensor Epsilon { get; }

    /// <summary>Seed of each image's random choices (<see cref="AttackBatch.ImageSeeds"/>).</summary>
    public long[] ImageSeeds { get; }

    /// <summary>Iterations per image.</summary>
    public int[] Budgets { get; }

    /// <summary>The largest per-image budget: the number of loop iterations.</summary>
    public int MaxBudget => Budgets.Max();

    /// <summary>
    /// ∇ₓ Σ_b objective(logits(x))_b along the input path (the mean over its samples under EOT). The backward pass accumulates
    /// into the input alone (<c>autograd.backward</c> with <c>inputs</c>), so the model's parameters' <c>grad</c> stay as they were.
    /// </summary>
    /// <param name="x">Current images [B, C, H, W]; not modified.</param>
    /// <param name="objective">Maps logits [B, K, H, W] to one loss per image [B]. Per-image losses keep images independent.</param>
    /// <exception cref="InvalidOperationException">The loss does not depend differentiably on the input.</exception>
    public GradientEstimate Gradient(Tensor x, Func<Tensor, Tensor> objective)
    {
        var input = x.detach().requires_grad_(true);
        Tensor? logitsSum = null;
        for (int sample = 0; sample < path.Samples; sample++)
        {
            var logits = path.Logits(model, input);
            var loss = objective(logits).sum();
            if (!loss.requires_grad)
                throw GradientPathCut();
            autograd.backward([loss], inputs: [input]);
            logitsSum = logitsSum is null ? logits.detach() : logitsSum + logits.detach();
        }
        var gradient = input.grad ?? throw GradientPathCut();
        return new GradientEstimate(gradient / path.Samples, logitsSum! / path.Samples);
    }

    /// <summary>Logits at <paramref name="x"/> along the input path, without gradient (the mean over its samples under EOT).</summary>
    public Tensor Logits(Tensor x)
    {
        using var noGrad = no_grad();
        Tensor? sum = null;
        for (int sample = 0; sample < path.Samples; sample++)
        {
            var logits = path.Logits(model, x);
            sum = sum is null ? logits : sum + logits;
        }
        return sum! / path.Samples;
    }

    /// <summary>Per-image DIC (eq. 7) of the prediction at <paramref name="x"/> against the ground truth.</summary>
    public double[] DiceAgainstLabels(Tensor x)
    {
        using var scope = NewDisposeScope();
        return SegmentationMetrics.FromLogits(Logits(x), Labels).Dice;
    }

    /// <summary>Which images' budgets allow iteration <paramref name="iteration"/> (0-based): a bool mask [B, 1, 1, 1] that broadcasts
    /// over images. The others must not move any more.</summary>
    public Tensor ActiveAt(int iteration)
    {
        bool[] active = Budgets.Select(budget => iteration < budget).ToArray();
        return tensor(active, device: Original.device).reshape([active.Length, .. Enumerable.Repeat(1L, (int)Original.dim() - 1)]);
    }

    /// <summary>Projects <paramref name="x"/> onto each image's ε-ball in <paramref name="norm"/> and the domain [0, 1].</summary>
    public Tensor Project(Tensor x, PerturbationNorm norm) => PerturbationBall.Project(x, Original, Epsilon, norm);

    /// <summary>Reports one finished iteration.</summary>
    public void Report(int restart, int restarts, int iteration, int iterations) =>
        progress?.Report(new AttackProgress(attackName, restart, restarts, iteration, iterations));

    private static InvalidOperationException GradientPathCut() => new(
        "the attack loss does not depend differentiably on the input: something on the path (an input transform that detaches or " +
        "leaves autograd, or a no_grad/detach inside the model) cuts the gradient. Wrap the attack in Bpda to use the identity as " +
        "the transform's backward pass.");
}
