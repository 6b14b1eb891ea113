using Nlce.Attacks;
using Nlce.Evaluation;
using static TorchSharp.torch;

namespace Nlce.Training.Defenses;

/// <summary>
/// AMAT's attack (seed 004; reference notes §2, "Per-batch step"): untargeted PGD on the pixel-wise cross-entropy inside each
/// image's own margin E_i (the batch's per-image ε), a random start of radius r_i = max(E_i − Δ, Δ) per image, steps of
/// <see cref="AmatOptions.StepFraction"/>·E_i, and a check after every iterate of whether the image's DIC fell below τ.
/// </summary>
/// <remarks>
/// The check reuses the logits the gradient is taken at, so it costs no extra forward pass except one for the final iterate.
/// The iterates checked are the start and every step's result; the first one below τ sets <see cref="MarginOutcome.BreakingSize"/>
/// (its perturbation size in the margin's norm). Runs, like every <see cref="Attack"/>, with the model in eval mode.
/// One instance serves one batch: <see cref="Outcomes"/> holds that batch's results.
/// </remarks>
internal sealed class MarginPgd : Attack
{
    private readonly AmatOptions options;
    private readonly double[] startRadii;
    private readonly double threshold;
    private readonly int seed;

    /// <param name="options">AMAT's options (norm, iterations, step fraction).</param>
    /// <param name="startRadii">Random-start radius per image, intensity units.</param>
    /// <param name="threshold">τ.</param>
    /// <param name="seed">Seed of the random start.</param>
    public MarginPgd(AmatOptions options, double[] startRadii, double threshold, int seed)
    {
        this.options = options;
        this.startRadii = startRadii;
        this.threshold = threshold;
        this.seed = seed;
    }

    public override string Name => "AMAT PGD";

    public override PerturbationNorm Norm => options.Norm;

    /// <summary>Per image, whether it broke and at what size; set by the last <see cref="Attack.Perturb(Nlce.Models.SegmentationModel, AttackBatch, IProgress{AttackProgress}?)"/>.</summary>
    public MarginOutcome[] Outcomes { get; private set; } = [];

    private protected override int DefaultIterations(double epsilonIntensity) => options.Iterations;

    private protected override Tensor Run(AttackContext context)
    {
        if (startRadii.Length != context.Budgets.Length)
            throw new ArgumentException($"expected {context.Budgets.Length} random-start radii, one per image; got {startRadii.Length}.");
        var stepSize = context.Epsilon * options.StepFraction;
        var x = RandomStart(context).detach().clone();
        var breaking = new double?[context.Budgets.Length];
        for (int t = 0; t < context.MaxBudget; t++)
        {
            using var scope = NewDisposeScope();
            var estimate = context.Gradient(x, logits => PixelLosses.CrossEntropy(logits, context.Labels));
            Check(context, x, estimate.Logits, breaking);
            var alpha = PerturbationBall.PerImage(stepSize, x);
            var stepped = context.Project(x + alpha * ProjectedIteration.SteepestDirection(estimate.Gradient, options.Norm), options.Norm);
            x.copy_(where(context.ActiveAt(t), stepped, x));
            context.Report(1, 1, t + 1, context.MaxBudget);
        }
        using (var scope = NewDisposeScope())
            Check(context, x, context.Logits(x), breaking);
        Outcomes = breaking.Select(size => new MarginOutcome(size is not null, size ?? 0)).ToArray();
        return x;
    }

    private void Check(AttackContext context, Tensor x, Tensor logits, double?[] breaking)
    {
        double[] dice = SegmentationMetrics.FromLogits(logits, context.Labels).Dice;
        var size = PerturbationBall.Measure(x, context.Original);
        double[] sizes = options.Norm == PerturbationNorm.Linf ? size.Linf : size.L2;
        for (int i = 0; i < dice.Length; i++)
            if (breaking[i] is null && dice[i] < threshold)
                breaking[i] = sizes[i];
    }

    /// <summary>
    /// x + δ projected onto each image's margin ball and [0, 1]: L∞ δ uniform in [−r_i, r_i] per pixel, L2 δ a uniformly random
    /// direction of length r_i. Drawn on the CPU from <see cref="seed"/>, so every device starts at the same point.
    /// </summary>
    private Tensor RandomStart(AttackContext context)
    {
        var original = context.Original;
        using var generator = new Generator((ulong)seed, CPU);
        var radius = PerturbationBall.PerImage(
            tensor(startRadii.Select(IntensityScale.ToUnitRange).ToArray(), dtype: original.dtype, device: original.device), original);
        var delta = options.Norm == PerturbationNorm.Linf
            ? (rand(original.shape, dtype: float32, generator: generator).to(original.dtype, original.device) * 2 - 1) * radius
            : ProjectedIteration.SteepestDirection(randn(original.shape, dtype: float32, generator: generator).to(original.dtype, original.device),
                PerturbationNorm.L2) * radius;
        return context.Project(original + delta, options.Norm);
    }
}
