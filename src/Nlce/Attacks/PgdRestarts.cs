using System.Globalization;
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
    /// clipped to [0, 1]; images with a zero budget stay at the clean image. Each image's noise is drawn on the CPU from its own
    /// generator, seeded by (attack seed, run, the image's <see cref="AttackContext.ImageSeeds"/> entry), so an image starts from the
    /// same point on every device and whatever other images share its batch.
    /// </summary>
    private static Tensor RandomStart(AttackContext context, PgdOptions options, int run)
    {
        var original = context.Original;
        long[] imageShape = original.shape[1..];
        var deltas = new Tensor[context.ImageSeeds.Length];
        for (int i = 0; i < deltas.Length; i++)
        {
            using var generator = new Generator((ulong)Determinism.Derive(options.Seed,
                string.Create(CultureInfo.InvariantCulture, $"pgd random start {run} image {context.ImageSeeds[i]}")), CPU);
            deltas[i] = options.Norm == PerturbationNorm.Linf
                ? rand(imageShape, dtype: float32, generator: generator) * 2 - 1
                : L2BallPoint(imageShape, generator);
        }
        var delta = stack(deltas).to(original.dtype, original.device) * PerturbationBall.PerImage(context.Epsilon, original);
        return where(context.ActiveAt(0), context.Project(original + delta, options.Norm), original);
    }

    /// <summary>A uniform point of the unit L2 ball of <paramref name="shape"/>: a Gaussian direction normalised, radius U^(1/d).</summary>
    private static Tensor L2BallPoint(long[] shape, Generator generator)
    {
        var direction = randn(shape, dtype: float32, generator: generator);
        long dimensions = direction.numel();
        double radius = Math.Pow(rand([1], dtype: float64, generator: generator).item<double>(), 1.0 / dimensions);
        return direction / direction.square().sum().sqrt().clamp_min(1e-12) * radius;
    }
}
