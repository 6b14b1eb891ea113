using Nlce.Models;
using Nlce.Training;

namespace Nlce.Workbench;

/// <summary>A model ready for a notebook: trained now or restored from the cache. Dispose it to free the model.</summary>
/// <param name="Model">The network, on the training device, in evaluation mode.</param>
/// <param name="History">Every epoch of its training run (also for a restored model: the checkpoint keeps the history).</param>
/// <param name="Reused">True when every epoch came from the cache and nothing was trained now.</param>
/// <param name="CheckpointFolder">Where its checkpoint lives.</param>
public sealed record TrainedModel(SegmentationModel Model, IReadOnlyList<EpochMetrics> History, bool Reused, string CheckpointFolder) : IDisposable
{
    /// <summary>The registered model name.</summary>
    public string Name => Model.Config.Name;

    /// <summary>Validation DIC after the last epoch; null when the run had no validation set.</summary>
    public double? FinalValidationDice => History.Count == 0 ? null : History[^1].ValidationDice;

    /// <summary>Wall-clock seconds the whole training run took (summed over epochs, earlier sessions included).</summary>
    public double TrainingSeconds => History.Sum(e => e.Seconds);

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
