namespace Nlce.Evaluation.Reproduction;

/// <summary>
/// Which part of a <see cref="FigureReproduction"/> runs. One machine runs <see cref="All"/>; a cluster runs <see cref="Train"/> once,
/// then <see cref="Sweep"/> once per shard (<c>--shard K/N</c>, one GPU each), merges the shard stores, and runs <see cref="Report"/>.
/// </summary>
public enum ReproductionStage
{
    /// <summary>Prepare the data, train (or reuse) the checkpoints, sweep, write the figure.</summary>
    All,

    /// <summary>Prepare the data and train (or finish) the checkpoints only.</summary>
    Train,

    /// <summary>Sweep with finished checkpoints (none is trained), into the shard's own store.</summary>
    Sweep,

    /// <summary>Write the curves and charts from the merged results store.</summary>
    Report,
}
