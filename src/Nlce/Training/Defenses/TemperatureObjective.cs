using System.Text.Json.Nodes;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Training.Defenses;

/// <summary>
/// Training at temperature T, the first step of defensive distillation (Papernot et al., S&amp;P 2016; seed 002): the model's own
/// loss on its outputs divided by T — for the cross-entropy losses, softmax(z/T) in place of softmax(z). The saved weights are
/// the plain model; at deployment (T = 1) it is used as is.
/// </summary>
public sealed class TemperatureObjective : ITrainingObjective
{
    private readonly double temperature;

    /// <param name="temperature">T ≥ 1.</param>
    public TemperatureObjective(double temperature)
    {
        if (!double.IsFinite(temperature) || temperature < 1)
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "T must be finite and ≥ 1.");
        this.temperature = temperature;
    }

    /// <inheritdoc />
    public string Name => "temperature";

    /// <inheritdoc />
    public JsonObject Settings => new() { ["Temperature"] = temperature };

    /// <inheritdoc />
    public void Start(SegmentationModel model, TrainingData data, Device device, TrainingObjectiveRecord? resumed, string? source)
    {
    }

    /// <inheritdoc />
    public Tensor Loss(TrainingStep step, SegmentationModel model, SegmentationBatch batch, SegmentationLoss loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loss);
        return loss(Scale(model.ForwardTraining(batch.Images), temperature), batch.Masks);
    }

    /// <inheritdoc />
    public void EndEpoch(int epoch)
    {
    }

    /// <inheritdoc />
    public TrainingObjectiveRecord Record() => new(Name, Settings, null);

    /// <summary>Every output (final and auxiliary) divided by <paramref name="temperature"/>.</summary>
    internal static SegmentationOutputs Scale(SegmentationOutputs outputs, double temperature) =>
        new(outputs.Logits / temperature, outputs.Auxiliary.Select(a => a / temperature).ToList());
}
