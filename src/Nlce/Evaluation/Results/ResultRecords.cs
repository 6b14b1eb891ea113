using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>
    /// The seed of the random choices made for this key alone (the PGD family's random start, <see cref="Attacks.AttackBatch.ImageSeeds"/>):
    /// the first 63 bits of SHA-256 over every field, ε written round-trip. A row therefore depends only on its key, not on which other
    /// keys shared its batch or its shard.
    /// </summary>
    public long RandomSeed()
    {
        string canonical = string.Join('\u001f', Model, Attack, Epsilon.ToString("R", CultureInfo.InvariantCulture), Defense,
            Seed.ToString(CultureInfo.InvariantCulture), Image);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return (long)(BinaryPrimitives.ReadUInt64LittleEndian(digest) >> 1);
    }
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

/// <summary>What importing one store into another did (<see cref="ResultsStore"/>, <see cref="ResultsMerge"/>).</summary>
/// <param name="RunsCopied">Runs copied (runs whose id was already present are not).</param>
/// <param name="RowsCopied">Rows copied (their keys were absent).</param>
/// <param name="RowsIdentical">Rows whose key was already present with the same values.</param>
/// <param name="RowsDiffering">Rows whose key was already present with other values; the values already present were kept.</param>
public sealed record StoreImport(int RunsCopied, int RowsCopied, int RowsIdentical, int RowsDiffering);
