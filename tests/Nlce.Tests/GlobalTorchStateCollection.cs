namespace Nlce.Tests;

/// <summary>
/// Tests that read or set torch's process-wide state (the global random generator, the thread count) run alone,
/// so that no other test draws from the generator between a seed and the numbers it should determine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalTorchStateCollection
{
    public const string Name = "global torch state";
}
