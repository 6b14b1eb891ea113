using System.Globalization;
using Nlce.Data.Formats;

namespace Nlce.Data.Readers;

/// <summary>
/// 3D NIfTI-1 volumes cut into 2D samples: <c>images/&lt;name&gt;.nii[.gz]</c> and <c>masks/&lt;name&gt;.nii[.gz]</c>
/// with equal dimensions. Every slice along <see cref="Axis"/> is a sample named <c>&lt;name&gt;#&lt;k&gt;</c>
/// (k from 0). Image intensities are min–max normalised per volume to [0, 1] (a constant volume gives 0); mask
/// voxels are foreground when non-zero. Splits are per volume, so one volume's slices never straddle splits: from
/// an optional <see cref="SplitFile"/> listing volume names, else <see cref="SeededSplit"/> 80/20 over volumes.
/// </summary>
public sealed class NiftiDataset : ISegmentationDataset
{
    public const string ImagesFolder = "images";
    public const string MasksFolder = "masks";

    private readonly Dictionary<string, (Pair Volume, int Index, DatasetSplit Split)> _slices = new(StringComparer.Ordinal);
    private readonly Lock _cacheGate = new();
    private LoadedPair? _lastLoaded;

    /// <summary>Lists the volume pairs and reads their headers (not their voxels).</summary>
    /// <param name="root">Folder holding images/, masks/ and optionally split.csv.</param>
    /// <param name="axis">Slicing axis: 0 (x), 1 (y) or 2 (z).</param>
    /// <param name="seed">Seed of the 80/20 volume split used when there is no split.csv.</param>
    /// <exception cref="DataFormatException">A folder is missing or empty, a file is not .nii/.nii.gz, a volume has
    /// no mask or a mask no volume, a header is invalid, the dimensions differ, or split.csv is invalid.</exception>
    public NiftiDataset(string root, int axis = 2, int seed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentOutOfRangeException.ThrowIfNegative(axis);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(axis, 2);
        Spec = DatasetSpec.ForPath(DatasetKind.Nifti, root).ToString();
        Axis = axis;
        Seed = seed;
        DatasetFolder.RequireExists(root, "expected a dataset folder holding images/ and masks/ with .nii or .nii.gz volumes.");
        var imagesFolder = Path.Combine(root, ImagesFolder);
        var masksFolder = Path.Combine(root, MasksFolder);
        DatasetFolder.RequireExists(imagesFolder, "a NIfTI dataset keeps its volumes in images/<name>.nii[.gz].");
        DatasetFolder.RequireExists(masksFolder, "a NIfTI dataset keeps its label volumes in masks/<name>.nii[.gz].");

        var images = ListVolumes(imagesFolder);
        if (images.Count == 0)
            throw new DataFormatException(imagesFolder, "contains no volumes; expected images/<name>.nii or .nii.gz.");
        var masks = ListVolumes(masksFolder);
        foreach (var (name, mask) in masks)
            if (!images.ContainsKey(name))
                throw new DataFormatException(mask, $"mask without an image volume: expected images/{name}.nii[.gz].");

        var pairs = new List<Pair>();
        foreach (var (name, image) in images.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            if (!masks.TryGetValue(name, out var mask))
                throw new DataFormatException(image, $"volume without a mask: expected {Path.Combine(masksFolder, name + ".nii")} or .nii.gz.");
            var imageShape = NiftiFormat.ReadHeader(image).Shape;
            var maskShape = NiftiFormat.ReadHeader(mask).Shape;
            if (imageShape != maskShape)
                throw new DataFormatException(mask, $"is {maskShape} but its image {image} is {imageShape}; they must match.", "dim");
            pairs.Add(new Pair(name, image, mask, imageShape));
        }

        var splitPath = Path.Combine(root, SplitFile.FileName);
        var names = pairs.Select(p => p.Name).ToArray();
        var splits = File.Exists(splitPath) ? SplitFile.Read(splitPath, names) : SeededSplit.TrainTest(names, seed);
        var samples = new List<SampleRef>();
        foreach (var pair in pairs)
            for (var k = 0; k < pair.Shape.Along(axis); k++)
            {
                var sample = new SampleRef(SliceName(pair.Name, k), splits[pair.Name]);
                samples.Add(sample);
                _slices[sample.Name] = (pair, k, sample.Split);
            }
        Samples = samples;
    }

    public string Spec { get; }

    /// <summary>Slicing axis: 0 (x), 1 (y) or 2 (z); see <see cref="NiftiVolume.Slice"/> for slice orientation.</summary>
    public int Axis { get; }

    /// <summary>Seed of the default split (unused when the folder has a split.csv).</summary>
    public int Seed { get; }

    public IReadOnlyList<SampleRef> Samples { get; }

    /// <summary>The sample name of slice <paramref name="index"/> of volume <paramref name="volume"/>.</summary>
    public static string SliceName(string volume, int index) => string.Create(CultureInfo.InvariantCulture, $"{volume}#{index}");

    /// <summary>
    /// Reads one slice. The volume pair last read is kept, so loading the slices of one volume in order reads its
    /// files once.
    /// </summary>
    public SegmentationSample Load(SampleRef sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!_slices.TryGetValue(sample.Name, out var found) || found.Split != sample.Split)
            throw DatasetFolder.UnknownSample(sample, Spec);
        var loaded = LoadPair(found.Volume);
        var image = loaded.Image.Slice(Axis, found.Index);
        var mask = loaded.Mask.Slice(Axis, found.Index);
        var labels = new byte[mask.Values.Length];
        for (var i = 0; i < labels.Length; i++)
            labels[i] = mask.Values[i] != 0f ? (byte)1 : (byte)0;
        return new SegmentationSample(
            sample.Name, sample.Split,
            new ImageData(image.Width, image.Height, 1, image.Values),
            new MaskData(mask.Width, mask.Height, labels),
            string.Create(CultureInfo.InvariantCulture, $"{found.Volume.ImagePath} + {found.Volume.MaskPath}, axis {Axis}, slice {found.Index}"));
    }

    private LoadedPair LoadPair(Pair pair)
    {
        lock (_cacheGate)
        {
            if (_lastLoaded?.Pair == pair)
                return _lastLoaded;
            var image = NiftiFormat.Read(pair.ImagePath);
            var mask = NiftiFormat.Read(pair.MaskPath);
            RequireFinite(mask, pair.MaskPath);
            _lastLoaded = new LoadedPair(pair, Normalised(image, pair.ImagePath), mask);
            return _lastLoaded;
        }
    }

    private static NiftiVolume Normalised(NiftiVolume volume, string path)
    {
        RequireFinite(volume, path);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in volume.Voxels)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }
        var range = max - min;
        var scaled = new float[volume.Voxels.Length];
        if (range > 0f)
            for (var i = 0; i < scaled.Length; i++)
                scaled[i] = Math.Clamp((volume.Voxels[i] - min) / range, 0f, 1f);
        return new NiftiVolume(volume.Shape, scaled);
    }

    private static void RequireFinite(NiftiVolume volume, string path)
    {
        var bad = Array.FindIndex(volume.Voxels, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            var (nx, ny) = (volume.Shape.X, volume.Shape.Y);
            throw new DataFormatException(
                path,
                string.Create(CultureInfo.InvariantCulture,
                    $"voxel ({bad % nx}, {bad / nx % ny}, {bad / (nx * ny)}) is {volume.Voxels[bad]}; voxel values must be finite."));
        }
    }

    private static Dictionary<string, string> ListVolumes(string folder)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in DatasetFolder.VisibleFiles(folder))
        {
            var file = Path.GetFileName(path);
            var name = file.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase) ? file[..^".nii.gz".Length]
                : file.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) ? file[..^".nii".Length]
                : throw new DataFormatException(path, $"unexpected file: {Path.GetFileName(folder)}/ holds only .nii or .nii.gz volumes.");
            if (name.Length == 0)
                throw new DataFormatException(path, "a volume file needs a name before .nii.");
            if (!byName.TryAdd(name, path))
                throw new DataFormatException(path, $"two volumes are named '{name}' (also {byName[name]}); names must be unique.");
        }
        return byName;
    }

    private sealed record Pair(string Name, string ImagePath, string MaskPath, VolumeShape Shape);

    private sealed record LoadedPair(Pair Pair, NiftiVolume Image, NiftiVolume Mask);
}
