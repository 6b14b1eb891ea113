using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// SegPGD (Gu, Zhao, Tresp and Torr, "SegPGD: An Effective and Efficient Adversarial Attack for Evaluating and Boosting
/// Segmentation Robustness", ECCV 2022, arXiv:2207.12391): PGD whose loss splits the pixels into those the current
/// prediction gets right (P_T) and wrong (P_F), L_t = (1/HW)·[(1 − λ_t)·Σ_{P_T} CE + λ_t·Σ_{P_F} CE], with the paper's schedule
/// λ_t = (t − 1)/(2T) for t = 1..T, so the attack first pushes correct pixels and gradually also holds the fooled ones.
/// T is each image's own iteration budget. Random starts and restarts as in <see cref="Pgd"/>.
/// </summary>
public sealed class SegPgd : Attack
{
    /// <param name="options">Hyperparameters; null for the defaults.</param>
    public SegPgd(PgdOptions? options = null)
    {
        Options = (options ?? new PgdOptions()).Validate();
    }

    /// <summary>The attack's hyperparameters.</summary>
    public PgdOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "SegPGD";

    /// <inheritdoc />
    public override PerturbationNorm Norm => Options.Norm;

    private protected override int Runs => Options.Restarts;

    private protected override int DefaultIterations(double epsilonIntensity) => Options.Iterations.For(epsilonIntensity);

    /// <summary>λ for 0-based iteration <paramref name="iteration"/> of a run of <paramref name="budget"/> iterations: t/(2T), i.e. the paper's (t − 1)/(2T) for 1-based t.</summary>
    public static double Lambda(int iteration, int budget) => budget == 0 ? 0 : iteration / (2.0 * budget);

    private protected override Tensor Run(AttackContext context) =>
        PgdRestarts.WorstCase(context, Options, iteration =>
        {
            var lambda = tensor(context.Budgets.Select(budget => Lambda(iteration, budget)).ToArray(), device: context.Original.device);
            return logits => PixelLosses.SegPgd(logits, context.Labels, lambda);
        });

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Options})";
}
