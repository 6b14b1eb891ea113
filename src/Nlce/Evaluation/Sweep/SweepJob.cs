using System.Text.Json;
using System.Text.Json.Serialization;
using Nlce.Attacks;
using Nlce.Data;
using Nlce.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Models;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Everything <c>nlce sweep</c> needs, as read from its JSON file (<c>--config</c>) and overridden by flags: the models
/// (<c>name=path</c>, see <see cref="ModelReference"/>), the attacks and ε, the images, the store, and how to compute. Unknown
/// fields are rejected. Example:
/// <code>
/// { "models": ["unet=runs/unet/weights.bin"], "attacks": ["targeted-ifgsm"], "eps": [2, 8, 32],
///   "dataset": "phantom-lung", "size": 256, "split": "test", "store": "results/lung.sqlite", "batch": 16 }
/// </code>
/// A defended sweep (issue 5) adds <c>"inputDefense": "fr", "attacker": "bpda"</c> and/or a transfer
/// <c>"surrogate": "unet=runs/unet"</c>; they become <see cref="SweepOptions.Defended"/>.
/// </summary>
public sealed record SweepJob
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The models, each <c>name=weights-file</c> or <c>name=checkpoint-folder</c>.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Attack names (<see cref="AttackRegistry"/>); default the paper's <c>targeted-ifgsm</c>.</summary>
    public IReadOnlyList<string> Attacks { get; init; } = ["targeted-ifgsm"];

    /// <summary>ε list, intensity units; default the paper's (<see cref="TargetedIfgsm.PaperEpsilons"/>).</summary>
    public IReadOnlyList<double> Eps { get; init; } = TargetedIfgsm.PaperEpsilons;

    /// <summary>Dataset spec.</summary>
    public string? Dataset { get; init; }

    /// <summary>Working resolution; default 256.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Split to evaluate; null for all samples. Default test.</summary>
    public DatasetSplit? Split { get; init; } = DatasetSplit.Test;

    /// <summary>Only the first this many images of the split; null for all.</summary>
    public int? Count { get; init; }

    /// <summary>Phantom datasets: samples rendered; null for the manifest's count.</summary>
    public int? PhantomCount { get; init; }

    /// <summary>The results store file.</summary>
    public string? Store { get; init; }

    /// <summary>Starting batch size; default 16.</summary>
    public int Batch { get; init; } = 16;

    /// <summary>Compute device (auto, cpu, cuda, cuda:N); default auto.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Seed of the keys, the random starts and random splits.</summary>
    public int Seed { get; init; }

    /// <summary>Defense label of the keys; default none.</summary>
    public string Defense { get; init; } = ResultKey.NoDefense;

    /// <summary>An input defense in front of every model (<see cref="InputDefenseCatalog.Parse"/>: <c>fr</c>, <c>fr:PD,AC,GD</c>,
    /// <c>jpeg-qN</c>); null for none.</summary>
    public string? InputDefense { get; init; }

    /// <summary>How the attacks treat <see cref="InputDefense"/> (ignore, bpda, eot); null for ignore. Needs an input defense.</summary>
    public AttackerAwareness? Attacker { get; init; }

    /// <summary>Draws per gradient under <c>attacker: eot</c>; null for <see cref="DefendedEvaluation"/>'s default. Only with EOT.</summary>
    public int? EotSamples { get; init; }

    /// <summary>A transfer surrogate, <c>name=weights-file</c> or <c>name=checkpoint-folder</c>: the attacks are crafted on it and
    /// scored on the swept models (a black-box check against gradient masking); null for white-box attacks.</summary>
    public string? Surrogate { get; init; }

    /// <summary>Whether clean scores are computed too; default true.</summary>
    public bool Clean { get; init; } = true;

    /// <summary>Folder of prepared datasets; null reads the dataset directly.</summary>
    public string? Cache { get; init; }

    /// <summary>Folder holding downloaded datasets; null for the default.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Reads a sweep file.</summary>
    /// <exception cref="DataFormatException">The file is missing, is not JSON, has an unknown field or a value of the wrong type.</exception>
    public static SweepJob Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new DataFormatException(path, "no such sweep file.");
        try
        {
            return JsonSerializer.Deserialize<SweepJob>(File.ReadAllText(path), Json)
                ?? throw new DataFormatException(path, "the file holds JSON null; expected an object with models, attacks, eps, dataset, store, ….");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a valid sweep file: {e.Message}", e.Path, e);
        }
    }

    /// <summary>Throws when a field is missing or out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public SweepJob Validate()
    {
        ArgumentNullException.ThrowIfNull(Models, nameof(Models));
        if (Models.Count == 0)
            throw new ArgumentException("no models: give at least one name=path (weights file or checkpoint folder).", nameof(Models));
        var references = References();
        var repeated = references.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"model name '{repeated.Key}' is listed {repeated.Count()} times.", nameof(Models));
        if (string.IsNullOrWhiteSpace(Store))
            throw new ArgumentException("no results store: set store (a file path, created when absent).", nameof(Store));
        ArgumentException.ThrowIfNullOrWhiteSpace(Device, nameof(Device));
        CheckedDefense();
        ToOptions();
        ToImages();
        return this;
    }

    /// <summary>The surrogate as a reference; null without transfer.</summary>
    /// <exception cref="ArgumentException">Not <c>name=path</c>.</exception>
    public ModelReference? SurrogateReference()
    {
        if (Surrogate is null)
            return null;
        try
        {
            return ModelReference.Parse(Surrogate);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"surrogate: {e.Message}", nameof(Surrogate), e);
        }
    }

    /// <summary>
    /// The defended evaluation of <see cref="InputDefense"/>, <see cref="Attacker"/>, <see cref="EotSamples"/> and
    /// <see cref="Surrogate"/>; null when none is set.
    /// </summary>
    /// <param name="surrogate">The model <see cref="Surrogate"/> names, loaded by the caller (<see cref="ModelLoader"/>); null when the
    /// job has no surrogate.</param>
    /// <exception cref="ArgumentException">An unknown input defense; an attacker or EOT draws without an input defense; EOT draws with
    /// another attacker; EOT on a deterministic defense; a malformed surrogate; a surrogate model without the field or the reverse.</exception>
    public DefendedEvaluation? ToDefended(SegmentationModel? surrogate)
    {
        var reference = SurrogateReference();
        if ((surrogate is null) != (reference is null))
            throw new ArgumentException(reference is null
                ? "a surrogate model was given, but the job has no surrogate field."
                : $"the job's surrogate '{reference}' must be loaded and passed in.", nameof(surrogate));
        var transform = CheckedDefense();
        if (transform is null && reference is null)
            return null;
        return new DefendedEvaluation
        {
            Transform = transform,
            Attacker = Attacker ?? AttackerAwareness.Ignore,
            EotSamples = EotSamples ?? new DefendedEvaluation().EotSamples,
            Surrogate = surrogate,
            SurrogateName = reference?.Name,
        }.Validate();
    }

    /// <summary>The parsed input defense after checking the defense fields together (surrogate name included); null without one.</summary>
    private IInputDefense? CheckedDefense()
    {
        IInputDefense? transform;
        try
        {
            transform = InputDefense is null ? null : InputDefenseCatalog.Parse(InputDefense);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(InputDefense), e);
        }
        if (transform is null && Attacker is not null)
            throw new ArgumentException(
                $"attacker '{Attacker.Value.ToString().ToLowerInvariant()}' adapts to an input defense, but inputDefense is not set.", nameof(Attacker));
        if (EotSamples is not null && Attacker != AttackerAwareness.Eot)
            throw new ArgumentException($"eotSamples = {EotSamples} needs attacker eot (the draws of a randomised defense).", nameof(EotSamples));
        if (transform is not null)
            new DefendedEvaluation { Transform = transform, Attacker = Attacker ?? AttackerAwareness.Ignore, EotSamples = EotSamples ?? 1 }.Validate();
        if (SurrogateReference() is { } reference && (reference.Name.Contains('+', StringComparison.Ordinal) || reference.Name.Any(char.IsWhiteSpace)))
            throw new ArgumentException($"surrogate name '{reference.Name}' must have no blanks or '+' (it becomes part of the defense key).", nameof(Surrogate));
        return transform;
    }

    /// <summary>The models as references.</summary>
    public IReadOnlyList<ModelReference> References() => Models.Select(ModelReference.Parse).ToArray();

    /// <summary>The sweep's options, defended by <paramref name="defended"/> (from <see cref="ToDefended"/>) when given.</summary>
    public SweepOptions ToOptions(DefendedEvaluation? defended = null) => new SweepOptions
    {
        Defended = defended,
        Attacks = Attacks ?? throw new ArgumentNullException(nameof(Attacks)),
        Epsilons = Eps ?? throw new ArgumentNullException(nameof(Eps)),
        IncludeClean = Clean,
        Defense = Defense,
        Seed = Seed,
        BatchSize = Batch,
    }.Validate();

    /// <summary>The images to evaluate.</summary>
    /// <exception cref="ArgumentException">No dataset, or an image field out of range.</exception>
    public EvaluationImages ToImages() => new EvaluationImages
    {
        Dataset = string.IsNullOrWhiteSpace(Dataset)
            ? throw new ArgumentException("no dataset: set dataset (a manifest id such as phantom-lung, or kind:path).", nameof(Dataset))
            : Dataset,
        Size = Size,
        Split = Split,
        Count = Count,
        PhantomCount = PhantomCount,
        Cache = Cache,
        DataRoot = DataRoot,
        Seed = Seed,
    }.Validate();
}
