namespace Nlce.Evaluation.Sweep;

/// <summary>What one <see cref="RobustnessSweep.Run"/> did.</summary>
/// <param name="RunId">The run's id in the results store.</param>
/// <param name="ConfigHash">Digest of the run's result-affecting configuration (<see cref="SweepRunConfig.Hash"/>).</param>
/// <param name="Planned">Result keys the configuration names.</param>
/// <param name="AlreadyStored">Keys found in the store at the start and not recomputed.</param>
/// <param name="Computed">Results computed and stored by this run.</param>
/// <param name="OutOfMemoryRetries">Batches that ran out of memory and were retried at half the size.</param>
/// <param name="Timings">Seconds per stage: <c>fingerprint</c>, <c>plan</c>, <c>clean</c>, <c>attack:&lt;name&gt;</c>, <c>write</c>, <c>total</c>.</param>
public sealed record SweepReport(string RunId, string ConfigHash, int Planned, int AlreadyStored, int Computed, int OutOfMemoryRetries,
    IReadOnlyDictionary<string, double> Timings);
