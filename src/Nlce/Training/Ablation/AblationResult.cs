using Nlce.Models;
using Nlce.Training.Checkpoints;

namespace Nlce.Training.Ablation;

/// <summary>One trained model of the ablation study (a curve of Fig. 7) and how its training went.</summary>
/// <param name="Step">The step that trained it.</param>
/// <param name="Model">The trained network, on the protocol's device. Step-2 models come back with their shared layers still
/// frozen (<see cref="Nlcen.SharedLayersFrozen"/>), exactly as they were trained.</param>
/// <param name="History">Every epoch of the step (resumed and earlier runs' epochs included), with its validation DIC and JSC.</param>
/// <param name="Checkpoint">The step's final checkpoint.</param>
public sealed record AblationModel(AblationStep Step, Nlcen Model, IReadOnlyList<EpochMetrics> History, Checkpoint Checkpoint)
{
    /// <summary>Mean validation DIC (paper eq. 7) after each epoch; null entries where there was no validation set.</summary>
    public IReadOnlyList<double?> ValidationDice => History.Select(epoch => epoch.ValidationDice).ToList();
}

/// <summary>The five models of the ablation study, in protocol order; owns (and disposes) them.</summary>
public sealed class AblationResult : IDisposable
{
    /// <param name="models">One model per step of <see cref="AblationStep.All"/>, in that order.</param>
    public AblationResult(IReadOnlyList<AblationModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (!models.Select(m => m.Step).SequenceEqual(AblationStep.All))
            throw new ArgumentException(
                $"expected one model per ablation step in the order {string.Join(", ", AblationStep.All.Select(s => s.Name))}; " +
                $"got {string.Join(", ", models.Select(m => m.Step.Name))}.", nameof(models));
        Models = models;
    }

    /// <summary>The models in the order of <see cref="AblationStep.All"/>.</summary>
    public IReadOnlyList<AblationModel> Models { get; }

    /// <summary>The model trained by <paramref name="step"/>.</summary>
    public AblationModel this[AblationStep step] =>
        Models.FirstOrDefault(m => m.Step == (step ?? throw new ArgumentNullException(nameof(step))))
        ?? throw new ArgumentException($"'{step}' is not a step of the ablation protocol.", nameof(step));

    /// <summary>The model called <paramref name="name"/>: a step's <see cref="AblationStep.Name"/> or its Fig. 7 label (e.g. "w/o CE").</summary>
    /// <exception cref="ArgumentException">No step has that name; the message lists them.</exception>
    public AblationModel this[string name] => this[AblationStep.Find(name)];

    /// <summary>Disposes the five networks.</summary>
    public void Dispose()
    {
        foreach (var model in Models)
            model.Model.Dispose();
    }
}
