using System.Text.Json;
using static TorchSharp.torch;

namespace Nlce.Data.Tensors;

/// <summary>What a prepared dataset folder holds; written as <c>index.json</c> beside the raw tensor files.</summary>
/// <param name="FormatVersion">Layout version of the store; a different version is re-prepared.</param>
/// <param name="Spec">Dataset spec the tensors came from.</param>
/// <param name="Fingerprint">Digest of the inputs (files, generator settings); a different fingerprint is re-prepared.</param>
/// <param name="Size">Working resolution (square side).</param>
/// <param name="Channels">Image channels.</param>
/// <param name="Names">Sample names in tensor order.</param>
/// <param name="Splits">Sample splits in tensor order.</param>
public sealed record PreparedIndex(int FormatVersion, string Spec, string Fingerprint, int Size, int Channels, string[] Names, DatasetSplit[] Splits);

/// <summary>
/// A cache of datasets at their working resolution (<c>nlce data prepare</c>). Each entry is a folder holding
/// <c>images.f32</c> (raw little-endian float32 [N, C, S, S]), <c>masks.u8</c> (raw uint8 [N, S, S]) and <c>index.json</c>. The raw
/// files are memory-mapped when opened (libtorch's <c>from_file</c>), so a large set costs page cache, not heap. An entry is
/// reused while its <see cref="PreparedIndex.Fingerprint"/> matches the inputs; it is written to a temporary folder and renamed
/// into place, so a killed run never leaves a half-written entry behind.
/// </summary>
public sealed class PreparedDatasetStore
{
    /// <summary>Layout version written into every index.</summary>
    public const int FormatVersion = 1;

    private const string ImagesFile = "images.f32";
    private const string MasksFile = "masks.u8";
    private const string IndexFile = "index.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <param name="root">Folder holding the prepared entries (created when needed).</param>
    public PreparedDatasetStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The folder of the entry for (<paramref name="spec"/>, <paramref name="size"/>, <paramref name="fingerprint"/>).</summary>
    public string EntryFolder(string spec, int size, string fingerprint)
    {
        string safe = new(spec.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        if (safe.Length > 60)
            safe = safe[..60];
        return Path.Combine(Root, $"{safe}-{size}-{fingerprint[..Math.Min(16, fingerprint.Length)]}");
    }

    /// <summary>True when an up-to-date entry exists.</summary>
    public bool IsPrepared(string spec, int size, string fingerprint) =>
        ReadIndex(EntryFolder(spec, size, fingerprint)) is { } index && index.FormatVersion == FormatVersion && index.Fingerprint == fingerprint;

    /// <summary>
    /// Returns the prepared tensors of <paramref name="dataset"/> at <paramref name="size"/>², reading and resizing the dataset only
    /// when no up-to-date entry exists.
    /// </summary>
    public SegmentationTensorSet Prepare(ISegmentationDataset dataset, string fingerprint, int size,
        IProgress<DataProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        string folder = EntryFolder(dataset.Spec, size, fingerprint);
        if (!IsPrepared(dataset.Spec, size, fingerprint))
        {
            using var set = SegmentationTensorSet.Load(dataset, size, progress, cancellation);
            Write(folder, set, dataset.Spec, fingerprint, size);
        }
        return Open(folder);
    }

    /// <summary>Opens an entry folder, memory-mapping its tensors; errors name the file and what is wrong.</summary>
    public static SegmentationTensorSet Open(string folder)
    {
        var index = ReadIndex(folder) ?? throw new DataFormatException(Path.Combine(folder, IndexFile), "missing; not a prepared dataset folder.");
        if (index.FormatVersion != FormatVersion)
            throw new DataFormatException(Path.Combine(folder, IndexFile), $"format version {index.FormatVersion}; expected {FormatVersion}.", "FormatVersion");
        if (index.Names.Length != index.Splits.Length)
            throw new DataFormatException(Path.Combine(folder, IndexFile), $"{index.Names.Length} names but {index.Splits.Length} splits.", "Splits");
        long n = index.Names.Length, c = index.Channels, s = index.Size;
        string images = Path.Combine(folder, ImagesFile), masks = Path.Combine(folder, MasksFile);
        ExpectLength(images, n * c * s * s * sizeof(float));
        ExpectLength(masks, n * s * s);
        var imageTensor = from_file(images, shared: false, size: n * c * s * s, dtype: float32).reshape(n, c, s, s);
        var maskTensor = from_file(masks, shared: false, size: n * s * s, dtype: uint8).reshape(n, s, s);
        var samples = index.Names.Zip(index.Splits, (name, split) => new SampleRef(name, split)).ToList();
        return new SegmentationTensorSet(imageTensor, maskTensor, samples);
    }

    private static void ExpectLength(string path, long bytes)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, "missing from the prepared dataset folder.");
        long actual = new FileInfo(path).Length;
        if (actual != bytes)
            throw new DataFormatException(path, $"{actual} bytes; expected {bytes} from index.json (truncated or stale).");
    }

    private static PreparedIndex? ReadIndex(string folder)
    {
        string path = Path.Combine(folder, IndexFile);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<PreparedIndex>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a valid prepared-dataset index: {e.Message}", inner: e);
        }
    }

    private void Write(string folder, SegmentationTensorSet set, string spec, string fingerprint, int size)
    {
        Directory.CreateDirectory(Root);
        string temporary = Path.Combine(Root, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            WriteRaw(Path.Combine(temporary, ImagesFile), set.Images);
            WriteRaw(Path.Combine(temporary, MasksFile), set.Masks);
            var index = new PreparedIndex(FormatVersion, spec, fingerprint, size, set.Channels,
                set.Samples.Select(x => x.Name).ToArray(), set.Samples.Select(x => x.Split).ToArray());
            File.WriteAllText(Path.Combine(temporary, IndexFile), JsonSerializer.Serialize(index, Json));
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            Directory.Move(temporary, folder);
        }
        finally
        {
            if (Directory.Exists(temporary))
                Directory.Delete(temporary, recursive: true);
        }
    }

    private static void WriteRaw(string path, Tensor tensor)
    {
        using var contiguous = tensor.cpu().contiguous();
        using var stream = File.Create(path);
        if (contiguous.dtype == float32)
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(contiguous.data<float>().ToArray().AsSpan()));
        else
            stream.Write(contiguous.data<byte>().ToArray());
    }
}
