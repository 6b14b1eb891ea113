using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nlce.Evaluation.Sweep;

/// <summary>The image set a sweep ran on.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Channels">Channels per image.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Sha256">Digest of the pixels, masks and sample names.</param>
/// <param name="Description">Where the images came from (dataset spec, split, size), for people; not hashed.</param>
public sealed record SweepImageIdentity(int Count, int Channels, int Height, int Width, string Sha256, string? Description);

/// <summary>A model a sweep evaluated.</summary>
/// <param name="Name">The name in the result keys.</param>
/// <param name="Architecture">The model's <see cref="Models.ModelConfig.Name"/>.</param>
/// <param name="InputChannels">Input channels.</param>
/// <param name="Classes">Output classes.</param>
/// <param name="WeightsSha256">Digest of its parameters and buffers.</param>
public sealed record SweepModelIdentity(string Name, string Architecture, int InputChannels, int Classes, string WeightsSha256);

/// <summary>An attack a sweep ran.</summary>
/// <param name="Name">The registry name in the result keys.</param>
/// <param name="Settings">The configured attack as it describes itself (class and hyperparameters).</param>
/// <param name="Targets">How its targets were chosen.</param>
public sealed record SweepAttackIdentity(string Name, string Settings, TargetRule Targets);

/// <summary>The defended-evaluation settings a sweep ran with (see <see cref="Nlce.Defenses.DefendedEvaluation"/>).</summary>
/// <param name="Key">The defense label of the result keys.</param>
/// <param name="Transform">The input defense as it describes itself (with its table or quality), or null.</param>
/// <param name="Attacker">How the attacks treated the transform (ignore, bpda, eot).</param>
/// <param name="EotSamples">Draws per estimate under EOT, else null.</param>
/// <param name="Surrogate">The transfer surrogate's name, or null.</param>
/// <param name="SurrogateWeightsSha256">Digest of the surrogate's parameters and buffers, or null.</param>
public sealed record SweepDefenseIdentity(string Key, string? Transform, string Attacker, int? EotSamples, string? Surrogate, string? SurrogateWeightsSha256);

/// <summary>
/// The configuration a sweep run records in the results store's run table: what was computed (images, models, attacks, ε, defense
/// label, seed) with digests of the inputs, and how (batch size). <see cref="Hash"/> covers the result-affecting fields only.
/// </summary>
/// <param name="Kind">Always <see cref="SweepKind"/>; marks run-table entries written by a sweep.</param>
/// <param name="Images">The image set.</param>
/// <param name="Models">The models, in key order.</param>
/// <param name="Attacks">The attacks, in the order they ran.</param>
/// <param name="Epsilons">The ε list (intensity units).</param>
/// <param name="IncludeClean">Whether clean scores were part of the run.</param>
/// <param name="Defense">The defense label of the keys.</param>
/// <param name="Seed">The seed of the keys and random starts.</param>
/// <param name="BatchSize">The starting batch size (does not affect results; not hashed).</param>
/// <param name="DefenseSettings">The input defense, attacker awareness and transfer surrogate behind <paramref name="Defense"/>; null
/// for a plain label; left out of the JSON when null, so undefended configurations hash as they did before defenses existed.</param>
/// <param name="Shard">The part of the planned keys this run computed (<see cref="WorkShard"/>, e.g. <c>2/8</c>); null for all of them.
/// Not hashed: the shards of one sweep share its configuration, and their stores merge.</param>
public sealed record SweepRunConfig(string Kind, SweepImageIdentity Images, IReadOnlyList<SweepModelIdentity> Models,
    IReadOnlyList<SweepAttackIdentity> Attacks, IReadOnlyList<double> Epsilons, bool IncludeClean, string Defense, int Seed, int BatchSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SweepDefenseIdentity? DefenseSettings = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Shard = null)
{
    /// <summary>The <see cref="Kind"/> of sweep runs.</summary>
    public const string SweepKind = "robustness-sweep";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The configuration as JSON (camel-case fields).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a run-table configuration; null when it was not written by a sweep.</summary>
    /// <exception cref="JsonException">It claims to be a sweep configuration but does not parse as one.</exception>
    public static SweepRunConfig? FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (var document = JsonDocument.Parse(json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                || kind.GetString() != SweepKind)
                return null;
        }
        return JsonSerializer.Deserialize<SweepRunConfig>(json, Json);
    }

    /// <summary>SHA-256 of the result-affecting fields: everything except <see cref="BatchSize"/>, <see cref="Shard"/> and the images'
    /// description. (Batch size and shard change rows only through the float rounding of batched kernels: random starts are seeded per
    /// result key.)</summary>
    public string Hash()
    {
        string canonical = JsonSerializer.Serialize(this with { BatchSize = 0, Shard = null, Images = Images with { Description = null } }, Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Why rows of <paramref name="earlier"/> and of this configuration cannot share a store: result keys name the model, attack,
    /// ε, defense, seed and image, but not the pixels, the weights or the attack settings, so a store must hold one image set,
    /// one set of weights per model name and one setting per attack name. More models, attacks, ε, seeds or defenses are fine.
    /// </summary>
    /// <returns>One line per conflict, naming the field and both values; empty when compatible.</returns>
    public IReadOnlyList<string> ConflictsWith(SweepRunConfig earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var conflicts = new List<string>();
        if (earlier.Images with { Description = null } != Images with { Description = null })
            conflicts.Add($"images: stored rows come from {Describe(earlier.Images)}, this run has {Describe(Images)}");
        foreach (var model in Models)
            if (earlier.Models.FirstOrDefault(m => m.Name == model.Name) is { } stored && stored != model)
                conflicts.Add($"models.{model.Name}: stored rows come from {stored.Architecture} weights {stored.WeightsSha256[..12]}…, " +
                    $"this run has {model.Architecture} weights {model.WeightsSha256[..12]}…");
        foreach (var attack in Attacks)
            if (earlier.Attacks.FirstOrDefault(a => a.Name == attack.Name) is { } stored && stored != attack)
                conflicts.Add($"attacks.{attack.Name}: stored rows come from '{stored.Settings}' ({stored.Targets}), this run has '{attack.Settings}' ({attack.Targets})");
        if (earlier.Defense == Defense && earlier.DefenseSettings != DefenseSettings)
            conflicts.Add($"defense.{Defense}: stored rows come from {Describe(earlier.DefenseSettings)}, this run has {Describe(DefenseSettings)}");
        return conflicts;
    }

    private static string Describe(SweepDefenseIdentity? defense) => defense is null ? "a plain label" :
        $"'{defense.Transform ?? "no transform"}' attacked by {defense.Attacker}" + (defense.EotSamples is int n ? $" ×{n}" : "") +
        (defense.Surrogate is null ? "" : $", crafted on '{defense.Surrogate}' weights {defense.SurrogateWeightsSha256?[..12]}…");

    private static string Describe(SweepImageIdentity images) =>
        $"{images.Count} images {images.Channels}×{images.Height}×{images.Width} digest {images.Sha256[..12]}…" +
        (images.Description is null ? "" : $" ({images.Description})");
}
