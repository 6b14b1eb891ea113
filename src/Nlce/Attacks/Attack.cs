using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Base of the attacks in this namespace, a template method (after torchattacks' <c>Attack.__call__</c>): it validates the
/// batch against the model, resolves per-image iteration budgets, switches the whole model to eval mode, enables autograd,
/// runs the subclass's algorithm inside a dispose scope, measures the perturbation and restores every module's train/eval
/// flag. Gradients are taken with respect to the input only, so the parameters' <c>grad</c> and the weights are left as found.
/// The device is the input's; the model must already be there.
/// </summary>
public abstract class Attack : IAttack
{
    private protected Attack()
    {
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract PerturbationNorm Norm { get; }

    /// <summary>Whether the batch must carry target label maps.</summary>
    private protected virtual bool RequiresTargets => false;

    /// <summary>Whether ε = +∞ (no norm bound) is meaningful for this attack.</summary>
    private protected virtual bool AllowsUnboundedEpsilon => false;

    /// <summary>The largest per-image iteration budget the algorithm can use, or null for no limit.</summary>
    private protected virtual int? MaxIterationBudget => null;

    /// <summary>Runs of the algorithm per call (PGD restarts): reported iterations are budget × runs.</summary>
    private protected virtual int Runs => 1;

    /// <summary>Checks that the attack applies to <paramref name="model"/> (e.g. a binary-only target rule); throws <see cref="ArgumentException"/>.</summary>
    private protected virtual void CheckModel(SegmentationModel model)
    {
    }

    /// <inheritdoc />
    public AttackResult Perturb(SegmentationModel model, AttackBatch batch, IProgress<AttackProgress>? progress = null) =>
        Perturb(model, batch, InputPath.Direct, progress);

    /// <summary>The template: validate, switch to eval mode, run <see cref="Run"/>, measure, restore.</summary>
    internal AttackResult Perturb(SegmentationModel model, AttackBatch batch, InputPath path, IProgress<AttackProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        int[] budgets = ResolveBudgets(batch);
        Validate(model, batch);

        using var modes = ModelModeSnapshot.SwitchToEval(model);
        using var gradients = enable_grad();
        using var scope = NewDisposeScope();
        var context = new AttackContext(model, path, batch, budgets, Name, progress);
        var adversarial = Run(context).detach();
        var size = PerturbationBall.Measure(adversarial, context.Original);
        return new AttackResult(adversarial.MoveToOuterDisposeScope(), [.. batch.Epsilons],
            budgets.Select(budget => budget * Runs).ToArray(), size.Linf, size.L2);
    }

    /// <summary>The number of iterations for one image at <paramref name="epsilonIntensity"/> when the batch sets no budget.</summary>
    private protected abstract int DefaultIterations(double epsilonIntensity);

    /// <summary>The algorithm: adversarial images [B, C, H, W] within each image's ε-ball and [0, 1].</summary>
    private protected abstract Tensor Run(AttackContext context);

    /// <inheritdoc />
    public override string ToString() => Name;

    private int[] ResolveBudgets(AttackBatch batch)
    {
        for (int i = 0; i < batch.Count; i++)
            if (double.IsPositiveInfinity(batch.Epsilons[i]) && !AllowsUnboundedEpsilon)
                throw new ArgumentException($"{Name} needs a finite ε; ε[{i}] is +∞.", nameof(batch));
        int[] budgets = batch.IterationBudgets is { } given ? [.. given] : batch.Epsilons.Select(DefaultIterations).ToArray();
        if (MaxIterationBudget is int max && budgets.Any(budget => budget > max))
            throw new ArgumentException($"{Name} takes at most {max} iteration(s) per image; got budgets [{string.Join(", ", budgets)}].", nameof(batch));
        return budgets;
    }

    private void Validate(SegmentationModel model, AttackBatch batch)
    {
        long channels = batch.Images.shape[1];
        if (channels != model.Config.InputChannels)
            throw new ArgumentException(
                $"images have {channels} channel(s) but model '{model.Config.Name}' takes {model.Config.InputChannels}.", nameof(batch));
        CheckModel(model);
        if (RequiresTargets && batch.Targets is null)
            throw new ArgumentException($"{Name} is targeted: the batch needs target label maps (AttackBatch.Targets).", nameof(batch));

        using var scope = NewDisposeScope();
        double low = batch.Images.min().to(float64).item<double>(), high = batch.Images.max().to(float64).item<double>();
        if (!(low >= 0 && high <= 1))
            throw new ArgumentException($"images must lie in [0, 1]; their values span [{low}, {high}].", nameof(batch));
        CheckClasses(batch.Labels, "labels", model.Config);
        if (batch.Targets is not null)
            CheckClasses(batch.Targets, "targets", model.Config);
    }

    private static void CheckClasses(Tensor map, string name, ModelConfig config)
    {
        long low = map.min().to(int64).item<long>(), high = map.max().to(int64).item<long>();
        if (low < 0 || high >= config.Classes)
            throw new ArgumentException(
                $"{name} must be class indices in [0, {config.Classes - 1}] for model '{config.Name}'; they span [{low}, {high}].", "batch");
    }
}
