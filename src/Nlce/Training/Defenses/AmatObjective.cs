using System.Text.Json.Nodes;
using Nlce.Attacks;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Runtime;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Training.Defenses;

/// <summary>
/// Adaptive-margin adversarial training (AMAT; Ma and Liang, arXiv 2206.01736, seed 004; reference notes §2). Each training
/// sample i has its own margin E_i (<see cref="AmatMargins"/>); every batch is attacked by PGD inside each sample's margin
/// (<see cref="MarginPgd"/>), the loss is ½·(model's loss on the clean batch) + ½·(its loss on the adversarial batch), and
/// after each epoch the margins of samples that resisted grow by Δ while those of broken samples move to the running mean of
/// the perturbation sizes that broke them.
/// </summary>
/// <remarks>
/// <para><b>Threshold.</b> τ is <see cref="AmatOptions.DiceThreshold"/>, or else the mean training DIC of the model when a
/// fresh run starts (computed once, in eval mode, and stored in the checkpoints).</para>
/// <para><b>Batch norm.</b> The attack's forwards and the DIC checks run in eval mode and leave batch statistics alone; the clean
/// and adversarial training forwards (two separate forwards, as in the authors' code) each update them.</para>
/// <para><b>Sample identity.</b> Margins are indexed by the batch's <see cref="SegmentationBatch.Indices"/>, the samples'
/// positions in the training set, so they follow each sample through shuffling and augmentation.</para>
/// </remarks>
public sealed class AmatObjective : ITrainingObjective
{
    private readonly AmatOptions options;
    private AmatMargins? margins;
    private double threshold;

    /// <param name="options">AMAT's hyperparameters (validated here).</param>
    public AmatObjective(AmatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validate();
    }

    /// <inheritdoc />
    public string Name => "amat";

    /// <inheritdoc />
    public JsonObject Settings => ObjectiveJson.Settings(options);

    /// <summary>τ in use; valid after <see cref="Start"/>.</summary>
    public double DiceThreshold => margins is null ? throw NotStarted() : threshold;

    /// <summary>The per-sample margins and their per-epoch history; valid after <see cref="Start"/>.</summary>
    public AmatMargins Margins => margins ?? throw NotStarted();

    /// <inheritdoc />
    public void Start(SegmentationModel model, TrainingData data, Device device, TrainingObjectiveRecord? resumed, string? source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (resumed is null)
        {
            threshold = options.DiceThreshold ?? ValidationEvaluator.Evaluate(model, data.Train, batchSize: 8, device).MeanDice;
            margins = new AmatMargins(data.Train.Count, options.Delta, options.MaxMargin);
            return;
        }
        var state = ObjectiveJson.ReadState<AmatState>(resumed, Name, source);
        if (!(state.DiceThreshold is >= 0 and <= 1))
            throw new DataFormatException(source ?? "the resumed checkpoint", $"τ = {state.DiceThreshold}; expected a DIC in [0, 1].", "Objective.State.DiceThreshold");
        try
        {
            margins = AmatMargins.Restore(state, data.Train.Count, options.Delta, options.MaxMargin);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(source ?? "the resumed checkpoint", e.Message, $"Objective.State.{e.ParamName}", e);
        }
        threshold = state.DiceThreshold;
    }

    /// <inheritdoc />
    public Tensor Loss(TrainingStep step, SegmentationModel model, SegmentationBatch batch, SegmentationLoss loss)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loss);
        var current = Margins;
        var attack = new MarginPgd(options, batch.Indices.Select(current.RandomStartRadius).ToArray(), threshold,
            Determinism.Derive(step.Seed, $"amat random start, epoch {step.Epoch}, batch {step.Batch}"));
        var epsilons = batch.Indices.Select(i => current.Margins[i]).ToArray();
        // The adversarial images belong to the trainer's batch scope and feed the backward pass.
        var adversarial = attack.Perturb(model, new AttackBatch(batch.Images, batch.Masks, epsilons));
        for (int k = 0; k < batch.Indices.Length; k++)
            current.Record(batch.Indices[k], attack.Outcomes[k]);
        var cleanLoss = loss(model.ForwardTraining(batch.Images), batch.Masks);
        var adversarialLoss = loss(model.ForwardTraining(adversarial.Adversarial), batch.Masks);
        return 0.5 * cleanLoss + 0.5 * adversarialLoss;
    }

    /// <inheritdoc />
    public void EndEpoch(int epoch) => Margins.EndEpoch(epoch);

    /// <summary>
    /// The per-epoch margin statistics saved in an AMAT checkpoint (for notebooks that load a trained model instead of training it);
    /// a checkpoint of another objective, or a malformed state, is a <see cref="DataFormatException"/> naming its sidecar.
    /// </summary>
    public static IReadOnlyList<MarginEpochSummary> MarginHistory(Checkpoints.Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var record = checkpoint.Sidecar.Objective
            ?? throw new DataFormatException(checkpoint.SidecarPath, "records plain training, not AMAT; it has no margins.", "Objective");
        var state = ObjectiveJson.ReadState<AmatState>(record, "amat", checkpoint.SidecarPath);
        return state.History ?? throw new DataFormatException(checkpoint.SidecarPath, "has no margin history.", "Objective.State.History");
    }

    /// <inheritdoc />
    public TrainingObjectiveRecord Record() => new(Name, Settings, ObjectiveJson.State(Margins.State(threshold)));

    private static InvalidOperationException NotStarted() => new("AMAT has not started: the trainer calls Start before the first batch.");
}
