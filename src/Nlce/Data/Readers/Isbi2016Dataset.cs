using System.Text.RegularExpressions;

namespace Nlce.Data.Readers;

/// <summary>
/// ISBI 2016 ISIC Part 1 lesion segmentation, the skin dataset of the NLCEN paper (Gutman et al. 2016; reference
/// notes §4.3): the four challenge archives unzipped under the root as <see cref="TrainingImagesFolder"/>,
/// <see cref="TrainingMasksFolder"/>, <see cref="TestImagesFolder"/> and <see cref="TestMasksFolder"/> (900 and 379
/// cases in the real data). Images are <c>ISIC_&lt;7 digits&gt;.jpg</c>, masks
/// <c>ISIC_&lt;id&gt;_Segmentation.png</c> (any letter case), paired by id; samples are named <c>ISIC_&lt;id&gt;</c>.
/// </summary>
public sealed partial class Isbi2016Dataset : ISegmentationDataset
{
    public const string TrainingImagesFolder = "ISBI2016_ISIC_Part1_Training_Data";
    public const string TrainingMasksFolder = "ISBI2016_ISIC_Part1_Training_GroundTruth";
    public const string TestImagesFolder = "ISBI2016_ISIC_Part1_Test_Data";
    public const string TestMasksFolder = "ISBI2016_ISIC_Part1_Test_GroundTruth";

    private readonly Dictionary<string, (DatasetSplit Split, string Image, string Mask)> _cases = new(StringComparer.Ordinal);

    /// <summary>Lists and pairs all files and compares image and mask sizes from their headers; pixels are read by
    /// <see cref="Load"/>.</summary>
    /// <exception cref="DataFormatException">A folder is missing or empty, a file name does not follow the ISIC
    /// pattern, an image has no mask or a mask no image, an id appears in both parts, a header is unreadable, or a
    /// mask's size differs from its image's.</exception>
    public Isbi2016Dataset(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Spec = DatasetSpec.ForPath(DatasetKind.Isbi2016, root).ToString();
        DatasetFolder.RequireExists(root, $"expected the ISBI 2016 root holding {TrainingImagesFolder}/ and the three other unzipped archives.");
        AddPart(root, TrainingImagesFolder, TrainingMasksFolder, DatasetSplit.Train);
        AddPart(root, TestImagesFolder, TestMasksFolder, DatasetSplit.Test);
        Samples = _cases
            .OrderBy(c => c.Value.Split)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new SampleRef(c.Key, c.Value.Split))
            .ToArray();
    }

    public string Spec { get; }
    public IReadOnlyList<SampleRef> Samples { get; }

    /// <summary>Reads the dermoscopy image (RGB) and its mask (non-zero = lesion); their sizes must match.</summary>
    public SegmentationSample Load(SampleRef sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!_cases.TryGetValue(sample.Name, out var found) || found.Split != sample.Split)
            throw DatasetFolder.UnknownSample(sample, Spec);
        return RasterPair.Load(sample, found.Image, found.Mask);
    }

    private void AddPart(string root, string imagesName, string masksName, DatasetSplit split)
    {
        var imagesFolder = Path.Combine(root, imagesName);
        var masksFolder = Path.Combine(root, masksName);
        DatasetFolder.RequireExists(imagesFolder, $"unzip {imagesName}.zip into the dataset root.");
        DatasetFolder.RequireExists(masksFolder, $"unzip {masksName}.zip into the dataset root.");
        var images = ListById(imagesFolder, ImagePattern(), "ISIC_<7 digits>.jpg");
        var masks = ListById(masksFolder, MaskPattern(), "ISIC_<7 digits>_Segmentation.png");
        if (images.Count == 0)
            throw new DataFormatException(imagesFolder, "contains no images; expected ISIC_<7 digits>.jpg files.");
        foreach (var (id, image) in images)
        {
            if (!masks.TryGetValue(id, out var mask))
                throw new DataFormatException(
                    image, $"image without a mask: expected {Path.Combine(masksFolder, $"ISIC_{id}_Segmentation.png")}.");
            var name = $"ISIC_{id}";
            if (_cases.TryGetValue(name, out var other))
                throw new DataFormatException(image, $"{name} is also part of the {other.Split} split ({other.Image}).");
            RasterPair.RequireSameSize(image, mask);
            _cases[name] = (split, image, mask);
        }
        foreach (var (id, mask) in masks)
            if (!images.ContainsKey(id))
                throw new DataFormatException(mask, $"mask without an image: expected {Path.Combine(imagesFolder, $"ISIC_{id}.jpg")}.");
    }

    private static Dictionary<string, string> ListById(string folder, Regex pattern, string expected)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in DatasetFolder.VisibleFiles(folder))
        {
            var match = pattern.Match(Path.GetFileName(path));
            if (!match.Success)
                throw new DataFormatException(path, $"unexpected file: {Path.GetFileName(folder)}/ holds only files named {expected}.");
            var id = match.Groups[1].Value;
            if (!byId.TryAdd(id, path))
                throw new DataFormatException(path, $"id {id} appears twice in {folder} (also {byId[id]}).");
        }
        return byId;
    }

    [GeneratedRegex("^ISIC_([0-9]{7})\\.jpe?g$", RegexOptions.IgnoreCase)]
    private static partial Regex ImagePattern();

    [GeneratedRegex("^ISIC_([0-9]{7})_segmentation\\.png$", RegexOptions.IgnoreCase)]
    private static partial Regex MaskPattern();
}
