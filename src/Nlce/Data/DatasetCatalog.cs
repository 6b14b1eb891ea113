using System.Security.Cryptography;
using System.Text;
using Nlce.Data.Manifests;
using Nlce.Data.Phantoms;
using Nlce.Data.Readers;

namespace Nlce.Data;

/// <summary>Options for opening a dataset from its spec.</summary>
/// <param name="Seed">Seed of random splits (folder and NIfTI datasets without a split.csv).</param>
/// <param name="PhantomCount">Number of phantom samples; null keeps the manifest's default.</param>
/// <param name="PhantomSize">Phantom side in pixels; null keeps the manifest's default.</param>
/// <param name="PhantomSeed">Seed the phantoms are rendered from; null keeps the manifest's default.</param>
/// <param name="NiftiAxis">Slicing axis of NIfTI volumes (0, 1 or 2).</param>
/// <param name="JsrtTrainingFold">Which SCR fold is the training split (the paper trains on one and tests on the other).</param>
/// <param name="DataRoot">Folder holding downloaded datasets, one sub-folder per manifest id; null uses <c>NLCE_DATA_DIR</c>,
/// else <c>~/.local/share/nlce/datasets</c>.</param>
public sealed record DatasetOpenOptions(int Seed = 0, int? PhantomCount = null, int? PhantomSize = null, int? PhantomSeed = null,
    int NiftiAxis = 2, ScrFold JsrtTrainingFold = ScrFold.Fold1, string? DataRoot = null);

/// <summary>
/// Opens any dataset from the spec accepted everywhere as <c>--dataset</c>: a manifest id (<c>phantom-lung</c>, <c>jsrt-scr</c>, …) or
/// <c>&lt;kind&gt;:&lt;path&gt;</c> with kind ∈ jsrt, isbi2016, folder, nifti. Phantom ids render the embedded phantoms; other manifest
/// ids open the dataset's folder under the data root with the reader the manifest's layout names.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Environment variable naming the data root.</summary>
    public const string DataRootVariable = "NLCE_DATA_DIR";

    private static readonly Lazy<ManifestCatalog> Embedded = new(() => ManifestCatalog.LoadEmbeddedAsync().GetAwaiter().GetResult());

    /// <summary>The manifests shipped with the library.</summary>
    public static ManifestCatalog Manifests => Embedded.Value;

    /// <summary>The data root for <paramref name="options"/>.</summary>
    public static string DataRoot(DatasetOpenOptions? options = null)
    {
        if (options?.DataRoot is { Length: > 0 } given)
            return Path.GetFullPath(given);
        if (Environment.GetEnvironmentVariable(DataRootVariable) is { Length: > 0 } fromEnvironment)
            return Path.GetFullPath(fromEnvironment);
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "nlce", "datasets");
    }

    /// <summary>Opens the dataset named by <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The spec is malformed or names no known dataset.</exception>
    /// <exception cref="DataFormatException">The dataset's files are missing or unreadable.</exception>
    public static ISegmentationDataset Open(string spec, DatasetOpenOptions? options = null) => Open(DatasetSpec.Parse(spec), options);

    /// <inheritdoc cref="Open(string, DatasetOpenOptions?)"/>
    public static ISegmentationDataset Open(DatasetSpec spec, DatasetOpenOptions? options = null)
    {
        options ??= new DatasetOpenOptions();
        var pathOptions = new PathDatasetOptions { Seed = options.Seed, NiftiAxis = options.NiftiAxis, JsrtTrainingFold = options.JsrtTrainingFold };
        if (spec.Kind != DatasetKind.ManifestId)
            return PathDatasetOpener.Open(spec, pathOptions);

        var manifest = Manifests.Get(spec.Id!);
        if (manifest.Layout.Kind == DatasetLayoutKind.Phantom)
            return new PhantomDataset(PhantomKindSpecs.Parse(manifest.Id), PhantomOptionsFor(manifest, options));

        string root = Path.Combine(DataRoot(options), manifest.Id);
        if (!Directory.Exists(root))
            throw new DataFormatException(root,
                $"dataset '{manifest.Id}' is not on disk. " + (manifest.RegistrationRequired
                    ? $"It needs registration ({string.Join(", ", manifest.Registration?.Urls ?? [])}); put its files here, then run `nlce data verify {manifest.Id}`."
                    : $"Run `nlce data fetch {manifest.Id}` first.") +
                $" The data root is set by --data-root or {DataRootVariable}.");
        return PathDatasetOpener.Open(DatasetSpec.ForPath(ReaderKindOf(manifest), root), pathOptions);
    }

    /// <summary>
    /// A digest of everything a dataset's tensors depend on, for the prepared-dataset cache: for phantoms the generator settings and
    /// the library build; for folders every file's relative path, size and modification time.
    /// </summary>
    public static string Fingerprint(ISegmentationDataset dataset)
    {
        var text = new StringBuilder(dataset.Spec).Append('\n');
        if (dataset is PhantomDataset phantom)
        {
            text.Append($"phantom {phantom.Kind} count={phantom.Options.Count} size={phantom.Options.Size} seed={phantom.Options.Seed} ")
                .Append(typeof(PhantomDataset).Assembly.ManifestModule.ModuleVersionId);
        }
        else
        {
            var spec = DatasetSpec.Parse(dataset.Spec);
            string root = spec.Path ?? throw new ArgumentException($"dataset '{dataset.Spec}' has no folder to fingerprint.", nameof(dataset));
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                text.Append(Path.GetRelativePath(root, file)).Append('\t').Append(info.Length).Append('\t').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }
        foreach (var sample in dataset.Samples)
            text.Append(sample.Name).Append('\t').Append(sample.Split).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static PhantomOptions PhantomOptionsFor(DatasetManifest manifest, DatasetOpenOptions options)
    {
        var defaults = manifest.Layout.Generator;
        return new PhantomOptions
        {
            Count = options.PhantomCount ?? defaults?.Count ?? PhantomOptions.DefaultCount,
            Size = options.PhantomSize ?? defaults?.Size ?? PhantomOptions.DefaultSize,
            Seed = options.PhantomSeed ?? defaults?.Seed ?? 0,
        };
    }

    private static DatasetKind ReaderKindOf(DatasetManifest manifest) => manifest.Layout.Kind switch
    {
        DatasetLayoutKind.Jsrt => DatasetKind.Jsrt,
        DatasetLayoutKind.Isbi2016 => DatasetKind.Isbi2016,
        DatasetLayoutKind.Folder => DatasetKind.Folder,
        DatasetLayoutKind.Nifti => DatasetKind.Nifti,
        var other => throw new ArgumentException($"manifest '{manifest.Id}': layout kind {other} has no reader.", nameof(manifest)),
    };
}
