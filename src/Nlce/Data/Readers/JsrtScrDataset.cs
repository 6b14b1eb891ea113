using Nlce.Data.Formats;

namespace Nlce.Data.Readers;

/// <summary>
/// JSRT chest radiographs with SCR lung-field masks, the lung dataset of the NLCEN paper (reference notes
/// §4.1-4.2). Layout under the root:
/// <c>All247images/JPCLN001.IMG</c>… and <c>scratch/fold{1,2}/masks/{left lung,right lung}/&lt;name&gt;.gif</c>.
/// A sample is the 2048² image reduced to 1024² by 2×2 averaging, with mask = left lung ∪ right lung. Fold 1
/// (odd-numbered images) is Train and fold 2 Test unless <c>trainingFold</c> swaps them.
/// </summary>
public sealed class JsrtScrDataset : ISegmentationDataset
{
    /// <summary>Folder of the JSRT images under the root.</summary>
    public const string ImagesFolder = "All247images";

    /// <summary>Side of the SCR masks and of the reduced images.</summary>
    public const int MaskSide = 1024;

    /// <summary>The SCR object folders whose union is the lung field.</summary>
    public static IReadOnlyList<string> LungFolders { get; } = ["left lung", "right lung"];

    private readonly Dictionary<string, Case> _cases;

    /// <summary>Lists and checks all files (names, image lengths, mask sizes); pixels are read by <see cref="Load"/>.</summary>
    /// <exception cref="DataFormatException">A folder or mask is missing, a mask has no image, a name is not a JSRT
    /// name, an image is not 8,388,608 bytes, or a mask is not 1024 × 1024.</exception>
    public JsrtScrDataset(string root, ScrFold trainingFold = ScrFold.Fold1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (!Enum.IsDefined(trainingFold))
            throw new ArgumentOutOfRangeException(nameof(trainingFold), trainingFold, "expected Fold1 or Fold2.");
        Spec = DatasetSpec.ForPath(DatasetKind.Jsrt, root).ToString();
        TrainingFold = trainingFold;
        DatasetFolder.RequireExists(root, "expected a JSRT + SCR root with All247images/ and scratch/fold1, scratch/fold2.");
        var imagesFolder = Path.Combine(root, ImagesFolder);
        DatasetFolder.RequireExists(imagesFolder, "expected the JSRT images as All247images/JPCLN001.IMG … JPCNN093.IMG.");

        var images = ListImages(imagesFolder);
        var masks = ListMasks(root);
        _cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        foreach (var (name, imagePath) in images)
        {
            var lungMasks = LungFolders.Select(side => masks.TryGetValue((side, name.Name), out var path)
                    ? path
                    : throw new DataFormatException(
                        MaskPath(root, name.Fold, side, name.Name),
                        $"missing: the {side} mask of {imagePath} (SCR masks of {name.Fold.ToString().ToLowerInvariant()} images " +
                        $"live in scratch/fold{(int)name.Fold}/masks/{side}/)."))
                .ToArray();
            _cases[name.Name] = new Case(name, imagePath, lungMasks);
        }
        foreach (var ((side, name), path) in masks)
            if (!_cases.ContainsKey(name))
                throw new DataFormatException(path, $"{side} mask without an image: expected {Path.Combine(imagesFolder, name + ".IMG")}.");
        if (_cases.Count == 0)
            throw new DataFormatException(imagesFolder, "contains no JSRT images; expected JPCLN001.IMG … JPCNN093.IMG.");

        Samples = _cases.Values
            .OrderBy(c => c.Name.Name, StringComparer.Ordinal)
            .Select(c => new SampleRef(c.Name.Name, SplitOf(c.Name, trainingFold)))
            .ToArray();
    }

    public string Spec { get; }

    /// <summary>The fold used for training; the other one is the test split.</summary>
    public ScrFold TrainingFold { get; }

    public IReadOnlyList<SampleRef> Samples { get; }

    /// <summary>The split of a case: Train when its SCR fold is <paramref name="trainingFold"/>, else Test.</summary>
    public static DatasetSplit SplitOf(JsrtCaseName name, ScrFold trainingFold)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Fold == trainingFold ? DatasetSplit.Train : DatasetSplit.Test;
    }

    /// <summary>Reads the image (2048² → 1024² by 2×2 averaging) and the union of the two lung masks.</summary>
    public SegmentationSample Load(SampleRef sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!_cases.TryGetValue(sample.Name, out var found) || SplitOf(found.Name, TrainingFold) != sample.Split)
            throw DatasetFolder.UnknownSample(sample, Spec);
        var image = TwoByTwoAverage.Apply(JsrtImageFormat.Read(found.ImagePath));
        var lung = new byte[MaskSide * MaskSide];
        foreach (var maskPath in found.MaskPaths)
        {
            var mask = GifFormat.ReadMask(maskPath);
            RequireMaskSize(maskPath, mask.Width, mask.Height);
            for (var i = 0; i < lung.Length; i++)
                lung[i] |= mask.Labels[i];
        }
        return new SegmentationSample(
            sample.Name, sample.Split, image, new MaskData(MaskSide, MaskSide, lung),
            string.Join(" + ", found.MaskPaths.Prepend(found.ImagePath)));
    }

    private static List<(JsrtCaseName Name, string Path)> ListImages(string imagesFolder)
    {
        var images = new List<(JsrtCaseName, string)>();
        foreach (var path in DatasetFolder.VisibleFiles(imagesFolder))
        {
            var file = Path.GetFileName(path);
            if (!Path.GetExtension(file).Equals(".IMG", StringComparison.OrdinalIgnoreCase)
                || !JsrtCaseName.TryParse(Path.GetFileNameWithoutExtension(file), out var name))
                throw new DataFormatException(path, "unexpected file: All247images/ holds only JPCLN001.IMG … JPCLN154.IMG and JPCNN001.IMG … JPCNN093.IMG.");
            if (images.Any(i => i.Item1 == name))
                throw new DataFormatException(path, $"{name} appears twice (file names differing only in case).");
            JsrtImageFormat.ValidateLength(path);
            images.Add((name!, path));
        }
        return images;
    }

    private static Dictionary<(string Side, string Name), string> ListMasks(string root)
    {
        var masks = new Dictionary<(string, string), string>();
        foreach (var fold in Enum.GetValues<ScrFold>())
            foreach (var side in LungFolders)
            {
                var folder = Path.GetDirectoryName(MaskPath(root, fold, side, "x"))!;
                if (!Directory.Exists(folder))
                    continue; // a missing folder surfaces as the first image without its mask
                foreach (var path in DatasetFolder.VisibleFiles(folder))
                {
                    var file = Path.GetFileName(path);
                    if (!Path.GetExtension(file).Equals(".gif", StringComparison.OrdinalIgnoreCase)
                        || !JsrtCaseName.TryParse(Path.GetFileNameWithoutExtension(file), out var name))
                        throw new DataFormatException(path, $"unexpected file: {side}/ holds only SCR masks named like JPCLN001.gif.");
                    if (name!.Fold != fold)
                        throw new DataFormatException(
                            path,
                            $"{name} is {(name.Number % 2 == 1 ? "odd" : "even")}-numbered, so its masks belong to fold{(int)name.Fold}, not fold{(int)fold} " +
                            "(SCR folds follow JSRT number parity).");
                    if (!masks.TryAdd((side, name.Name), path))
                        throw new DataFormatException(path, $"a second {side} mask for {name} (file names differing only in case).");
                    var (width, height) = GifFormat.ReadSize(path);
                    RequireMaskSize(path, width, height);
                }
            }
        return masks;
    }

    private static void RequireMaskSize(string path, int width, int height)
    {
        if (width != MaskSide || height != MaskSide)
            throw new DataFormatException(
                path, $"is {width}×{height}; SCR masks are {MaskSide}×{MaskSide} (half the 2048² JSRT resolution).", "size");
    }

    /// <summary>Where SCR keeps the <paramref name="side"/> mask ("left lung" or "right lung") of case <paramref name="name"/>.</summary>
    internal static string MaskPath(string root, ScrFold fold, string side, string name) =>
        Path.Combine(root, "scratch", $"fold{(int)fold}", "masks", side, name + ".gif");

    private sealed record Case(JsrtCaseName Name, string ImagePath, string[] MaskPaths);
}
