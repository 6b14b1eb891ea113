using Nlce.Runtime;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// The run structure shared by <see cref="Pgd"/>, <see cref="SegPgd"/> and <see cref="CosPgd"/>: for each restart, a random
/// start in the ε-ball and a <see cref="ProjectedIteration"/> loop climbing the attack's objective; with several restarts,
/// each image keeps the run whose prediction has the lowest DIC against its ground truth (ties keep the earlier run).
/// </summary>
internal static class PgdRestarts
{
    public static Tensor WorstCase(AttackContext context, PgdOptions options, Func<int, Func<Tensor, Tensor>> objectiveAt)
    {
        var stepSize = options.StepSize.PerImage(context.Epsilon);
        Tensor? worst = null;
        double[] worstDice = [];
        for (int run = 0; run < options.Restarts; run++)
        {
            var start = options.RandomStart ? RandomStart(context, options, run) : context.Original;
            var adversarial = ProjectedIteration.Run(context, start, stepSize, options.Norm, LossDirection.Ascend, objectiveAt,
                run + 1, options.Restarts);
            if (options.Restarts == 1)
                return adversarial;
            double[] dice = context.DiceAgainstLabels(adversarial);
            if (worst is null)
            {
                (worst, worstDice) = (adversarial, dice);
                continue;
            }
            bool[] lower = dice.Select((d, i) => d < worstDice[i]).ToArray();
            var choose = tensor(lower, device: adversarial.device).reshape([lower.Length, .. Enumerable.Repeat(1L, (int)adversarial.dim() - 1)]);
            worst = where(choose, adversarial, worst);
            worstDice = dice.Select((d, i) => lower[i] ? d : worstDice[i]).ToArray();
        }
        return worst!;
    }

    /// <summary>
    /// A uniformly random point of each image's ε-ball (L∞: δ ~ U(−ε, ε) per pixel; L2: uniform direction, radius ε·U^(1/d)),
    /// clipped to [0, 1]; images with a zero budget stay at the clean image. Drawn on the CPU from a generator seeded by
    /// (seed, run), so the same seed gives the same start on every device.
    /// </summary>
    private static Tensor RandomStart(AttackContext context, PgdOptions options, int run)
    {
        var original = context.Original;
        using var generator = new Generator((ulong)Determinism.Derive(options.Seed, $"pgd random start {run}"), CPU);
        Tensor delta;
        if (options.Norm == PerturbationNorm.Linf)
        {
            var uniform = rand(original.shape, dtype: float32, generator: generator).to(original.dtype, original.device);
            delta = (uniform * 2 - 1) * PerturbationBall.PerImage(context.Epsilon, original);
        }
        else
        {
            var direction = randn(original.shape, dtype: float32, generator: generator).to(original.dtype, original.device);
            var unitDirection = ProjectedIteration.SteepestDirection(direction, PerturbationNorm.L2);
            long dimensions = original[0].numel();
            var radius = rand([original.shape[0]], dtype: float64, generator: generator).pow(1.0 / dimensions).to(original.dtype, original.device);
            delta = unitDirection * PerturbationBall.PerImage(radius * context.Epsilon, original);
        }
        return where(context.ActiveAt(0), context.Project(original + delta, options.Norm), original);
    }
}
