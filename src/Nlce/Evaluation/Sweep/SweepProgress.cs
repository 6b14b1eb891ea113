namespace Nlce.Evaluation.Sweep;

/// <summary>Progress of a <see cref="RobustnessSweep"/>, reported after every stored batch (and when a batch is halved).</summary>
/// <param name="Done">Results computed and stored so far in this run.</param>
/// <param name="Total">Results this run computes: the planned keys not yet in the store.</param>
/// <param name="AlreadyStored">Planned keys found in the store at the start, skipped.</param>
/// <param name="Model">The model being evaluated.</param>
/// <param name="Attack">The attack being run (<c>none</c> for clean scores).</param>
/// <param name="BatchSize">The current batch size (halved after out-of-memory errors).</param>
/// <param name="ItemsPerSecond">Throughput of this run so far: results per second of wall time.</param>
/// <param name="Elapsed">Wall time since the run started.</param>
public sealed record SweepProgress(int Done, int Total, int AlreadyStored, string Model, string Attack, int BatchSize, double ItemsPerSecond,
    TimeSpan Elapsed);
