using System.Text.Json.Nodes;
using Nlce.Attacks;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Runtime;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Training.Defenses;

/// <summary>
/// Standard adversarial training (SAT; Madry et al., ICLR 2018; seed 004's fixed-ε baseline): each batch is attacked with
/// <see cref="Pgd"/> (random start, <see cref="SatOptions"/>), and the model's own loss is taken on the adversarial batch
/// (optionally averaged with the clean batch's).
/// </summary>
/// <remarks>
/// <para><b>Batch norm.</b> The attack runs the model in eval mode (<see cref="Attack"/> switches and restores), so its
/// forwards neither use nor update batch statistics; only the training forwards on the adversarial (and, when mixed, the
/// clean) batch update the running statistics — what adversarial training always does. With <see cref="SatLoss.Mixed"/> the two
/// batches are forwarded separately, so each normalises with its own batch statistics.</para>
/// <para><b>Randomness.</b> The random start of batch b of epoch e is seeded from (run seed, e, b), independent of torch's
/// global generator, so resumed runs draw the same starts.</para>
/// </remarks>
public sealed class SatObjective : ITrainingObjective
{
    private readonly SatOptions options;

    /// <param name="options">SAT's hyperparameters (validated here).</param>
    public SatObjective(SatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validate();
    }

    /// <inheritdoc />
    public string Name => "sat";

    /// <inheritdoc />
    public JsonObject Settings => ObjectiveJson.Settings(options);

    /// <inheritdoc />
    public void Start(SegmentationModel model, TrainingData data, Device device, TrainingObjectiveRecord? resumed, string? source)
    {
    }

    /// <inheritdoc />
    public Tensor Loss(TrainingStep step, SegmentationModel model, SegmentationBatch batch, SegmentationLoss loss)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loss);
        var attack = new Pgd(new PgdOptions
        {
            Norm = options.Norm,
            StepSize = options.StepSize,
            Iterations = IterationSchedule.Fixed(options.Iterations),
            RandomStart = true,
            Seed = Determinism.Derive(step.Seed, $"sat random start, epoch {step.Epoch}, batch {step.Batch}"),
        });
        var adversarial = attack.Perturb(model, AttackBatch.WithEpsilon(batch.Images, batch.Masks, options.Epsilon));
        // Not disposed here: the adversarial images belong to the trainer's batch scope and feed the backward pass.
        var adversarialLoss = loss(model.ForwardTraining(adversarial.Adversarial), batch.Masks);
        return options.Loss == SatLoss.AdversarialOnly
            ? adversarialLoss
            : 0.5 * loss(model.ForwardTraining(batch.Images), batch.Masks) + 0.5 * adversarialLoss;
    }

    /// <inheritdoc />
    public void EndEpoch(int epoch)
    {
    }

    /// <inheritdoc />
    public TrainingObjectiveRecord Record() => new(Name, Settings, null);
}
