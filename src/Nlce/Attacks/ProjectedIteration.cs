using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>Whether an attack climbs its objective (untargeted: away from the labels) or descends it (targeted: toward a target).</summary>
internal enum LossDirection
{
    Ascend = 1,
    Descend = -1,
}

/// <summary>
/// The loop shared by the FGSM family and PGD: x ← Π(x ± α·d(∇ₓL)), with d = sign for L∞ (NLCEN eq. 6) and d = ∇/‖∇‖₂ per
/// image for L2, Π the projection onto the ε-ball and [0, 1]. Per-image step sizes, and per-image budgets: an image whose
/// budget is spent keeps its iterate exactly while the others go on. Each iteration runs in its own dispose scope and updates
/// the iterate in place, so the number of live tensors stays flat however long the loop runs.
/// </summary>
internal static class ProjectedIteration
{
    /// <param name="context">The attack call.</param>
    /// <param name="start">The starting images; copied, not modified.</param>
    /// <param name="stepSize">α per image on the [0, 1] scale, [B].</param>
    /// <param name="norm">Step geometry and ball.</param>
    /// <param name="direction">Ascend or descend the objective.</param>
    /// <param name="objectiveAt">The per-image objective for iteration t (0-based).</param>
    /// <param name="restart">Current run (1-based) and <paramref name="restarts"/> runs, for progress.</param>
    /// <param name="restarts">Number of runs, for progress.</param>
    public static Tensor Run(AttackContext context, Tensor start, Tensor stepSize, PerturbationNorm norm, LossDirection direction,
        Func<int, Func<Tensor, Tensor>> objectiveAt, int restart = 1, int restarts = 1)
    {
        var x = start.detach().clone();
        int iterations = context.MaxBudget;
        for (int t = 0; t < iterations; t++)
        {
            using var scope = NewDisposeScope();
            var gradient = context.Gradient(x, objectiveAt(t)).Gradient;
            var alpha = PerturbationBall.PerImage(stepSize * (int)direction, x);
            var stepped = context.Project(x + alpha * SteepestDirection(gradient, norm), norm);
            x.copy_(where(context.ActiveAt(t), stepped, x));
            context.Report(restart, restarts, t + 1, iterations);
        }
        return x;
    }

    /// <summary>The unit-norm steepest-ascent direction of <paramref name="gradient"/>: sign (L∞) or per-image normalised (L2).</summary>
    internal static Tensor SteepestDirection(Tensor gradient, PerturbationNorm norm) => norm switch
    {
        PerturbationNorm.Linf => gradient.sign(),
        PerturbationNorm.L2 => gradient / PerturbationBall.PerImage(PerturbationBall.L2Norm(gradient).clamp_min(1e-12), gradient),
        _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, null),
    };
}
