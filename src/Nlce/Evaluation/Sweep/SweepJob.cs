using System.Text.Json;
using System.Text.Json.Serialization;
using Nlce.Attacks;
using Nlce.Data;
using Nlce.Evaluation.Results;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Everything <c>nlce sweep</c> needs, as read from its JSON file (<c>--config</c>) and overridden by flags: the models
/// (<c>name=path</c>, see <see cref="ModelReference"/>), the attacks and ε, the images, the store, and how to compute. Unknown
/// fields are rejected. Example:
/// <code>
/// { "models": ["unet=runs/unet/weights.bin"], "attacks": ["targeted-ifgsm"], "eps": [2, 8, 32],
///   "dataset": "phantom-lung", "size": 256, "split": "test", "store": "results/lung.sqlite", "batch": 16 }
/// </code>
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
        ToOptions();
        ToImages();
        return this;
    }

    /// <summary>The models as references.</summary>
    public IReadOnlyList<ModelReference> References() => Models.Select(ModelReference.Parse).ToArray();

    /// <summary>The sweep's options.</summary>
    public SweepOptions ToOptions() => new SweepOptions
    {
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
