namespace Nlce.Attacks;

/// <summary>Progress of a running attack, reported after every iteration.</summary>
/// <param name="Attack">The attack's <see cref="IAttack.Name"/>.</param>
/// <param name="Restart">The current run, 1-based (PGD-style restarts; 1 for attacks without restarts).</param>
/// <param name="Restarts">The number of runs.</param>
/// <param name="Iteration">Iterations completed in the current run, 1-based.</param>
/// <param name="Iterations">Iterations of the current run (the largest per-image budget of the batch).</param>
public sealed record AttackProgress(string Attack, int Restart, int Restarts, int Iteration, int Iterations);
