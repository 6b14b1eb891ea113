namespace Nlce.Evaluation.Results;

/// <summary>
/// Identifies one measurement: one image scored by one model under one attack at one ε, with one defense and seed.
/// Clean (unattacked) scores use attack <see cref="CleanAttack"/> and ε = 0; undefended models use defense <see cref="NoDefense"/>.
/// </summary>
public sealed record ResultKey(string Model, string Attack, double Epsilon, string Defense, int Seed, string Image)
{
    /// <summary>Attack name of clean scores.</summary>
    public const string CleanAttack = "none";

    /// <summary>Defense name of undefended models.</summary>
    public const string NoDefense = "none";
}

/// <summary>One stored measurement: per-image DIC and JSC (eq. 7–8) and the measured perturbation size (intensity units, 0–255).</summary>
public sealed record ResultRow(ResultKey Key, double Dice, double Jaccard, double? PerturbationLinf = null, double? PerturbationL2 = null);

/// <summary>Mean scores of one (model, attack, ε, defense) cell over its images and seeds.</summary>
public sealed record ResultSummary(string Model, string Attack, double Epsilon, string Defense, int Images, double MeanDice, double MeanJaccard);

/// <summary>What a sweep run records about itself.</summary>
/// <param name="ConfigJson">The sweep configuration, serialised.</param>
/// <param name="ConfigHash">Digest of the configuration's result-affecting fields; stores of different configurations refuse to merge.</param>
/// <param name="LibraryVersion">Version of the Nlce library.</param>
/// <param name="Device">Device the run computed on (e.g. cpu, cuda:0).</param>
/// <param name="Backend">Native backend (cpu, cuda, host).</param>
public sealed record RunInfo(string ConfigJson, string ConfigHash, string LibraryVersion, string Device, string Backend);

/// <summary>A run as stored, with its timings (seconds per stage) once finished.</summary>
public sealed record StoredRun(string RunId, DateTimeOffset StartedUtc, DateTimeOffset? FinishedUtc, RunInfo Info, IReadOnlyDictionary<string, double> Timings);
