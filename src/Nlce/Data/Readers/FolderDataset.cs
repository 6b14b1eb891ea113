namespace Nlce.Data.Readers;

/// <summary>
/// A generic 2D segmentation folder: <c>images/&lt;name&gt;.png|.jpg|.jpeg</c> (grey or RGB, any size),
/// <c>masks/&lt;name&gt;.png</c> (non-zero = foreground, same size as the image) and an optional
/// <see cref="SplitFile"/> <c>split.csv</c>; without it the split is <see cref="SeededSplit"/> 80/20 train/test.
/// Samples are named by file name without extension and listed in ordinal name order.
/// </summary>
public sealed class FolderDataset : ISegmentationDataset
{
    public const string ImagesFolder = "images";
    public const string MasksFolder = "masks";

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];

    private readonly Dictionary<string, (DatasetSplit Split, string Image, string Mask)> _cases;

    /// <summary>Lists and pairs all files, compares image and mask sizes from their headers and assigns splits;
    /// pixels are read by <see cref="Load"/>.</summary>
    /// <param name="root">Folder holding images/, masks/ and optionally split.csv.</param>
    /// <param name="seed">Seed of the 80/20 split used when there is no split.csv.</param>
    /// <exception cref="DataFormatException">A folder is missing, images/ is empty, a file has an unexpected
    /// extension, two images share a name, an image has no mask or a mask no image, a header is unreadable, a mask's
    /// size differs from its image's, or split.csv is invalid.</exception>
    public FolderDataset(string root, int seed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Spec = DatasetSpec.ForPath(DatasetKind.Folder, root).ToString();
        Seed = seed;
        DatasetFolder.RequireExists(root, "expected a dataset folder holding images/ and masks/.");
        var imagesFolder = Path.Combine(root, ImagesFolder);
        var masksFolder = Path.Combine(root, MasksFolder);
        DatasetFolder.RequireExists(imagesFolder, "a folder dataset keeps its images in images/<name>.png|.jpg|.jpeg.");
        DatasetFolder.RequireExists(masksFolder, "a folder dataset keeps its masks in masks/<name>.png.");

        var images = ListByName(imagesFolder, ImageExtensions);
        if (images.Count == 0)
            throw new DataFormatException(imagesFolder, "contains no images; expected images/<name>.png|.jpg|.jpeg.");
        var masks = ListByName(masksFolder, [".png"]);
        foreach (var (name, image) in images)
            if (!masks.ContainsKey(name))
                throw new DataFormatException(image, $"image without a mask: expected {Path.Combine(masksFolder, name + ".png")}.");
        foreach (var (name, mask) in masks)
            if (!images.ContainsKey(name))
                throw new DataFormatException(mask, $"mask without an image: expected images/{name}.png|.jpg|.jpeg.");
        foreach (var (name, image) in images)
            RasterPair.RequireSameSize(image, masks[name]);

        var splitPath = Path.Combine(root, SplitFile.FileName);
        var splits = File.Exists(splitPath) ? SplitFile.Read(splitPath, images.Keys) : SeededSplit.TrainTest(images.Keys, seed);
        _cases = images.ToDictionary(i => i.Key, i => (splits[i.Key], i.Value, masks[i.Key]), StringComparer.Ordinal);
        Samples = _cases.Keys.Order(StringComparer.Ordinal).Select(n => new SampleRef(n, _cases[n].Split)).ToArray();
    }

    public string Spec { get; }

    /// <summary>Seed of the default split (unused when the folder has a split.csv).</summary>
    public int Seed { get; }

    public IReadOnlyList<SampleRef> Samples { get; }

    /// <summary>Reads the image (grey or RGB) and its mask (non-zero = 1); their sizes must match.</summary>
    public SegmentationSample Load(SampleRef sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!_cases.TryGetValue(sample.Name, out var found) || found.Split != sample.Split)
            throw DatasetFolder.UnknownSample(sample, Spec);
        return RasterPair.Load(sample, found.Image, found.Mask);
    }

    private static Dictionary<string, string> ListByName(string folder, string[] extensions)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in DatasetFolder.VisibleFiles(folder))
        {
            var extension = Path.GetExtension(path);
            if (!extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
                throw new DataFormatException(
                    path, $"unexpected file: {Path.GetFileName(folder)}/ holds only {string.Join(", ", extensions)} files.");
            var name = Path.GetFileNameWithoutExtension(path);
            if (!byName.TryAdd(name, path))
                throw new DataFormatException(path, $"two files are named '{name}' (also {byName[name]}); names must be unique.");
        }
        return byName;
    }
}
