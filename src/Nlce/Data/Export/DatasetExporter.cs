using System.Text;
using Nlce.Data.Formats;
using Nlce.Data.Readers;
using Nlce.Data.Tensors;

namespace Nlce.Data.Export;

/// <summary>On-disk layouts a dataset can be written in.</summary>
public enum ExportLayout
{
    /// <summary>JSRT <c>All247images/*.IMG</c> (2048², 12-bit big-endian, inverted) + SCR <c>scratch/fold{1,2}/masks/{left,right} lung/*.gif</c> (1024²).</summary>
    Jsrt,

    /// <summary>ISBI 2016 ISIC Part 1: <c>ISIC_&lt;id&gt;.jpg</c> + <c>ISIC_&lt;id&gt;_Segmentation.png</c> in the four challenge folders.</summary>
    Isbi2016,

    /// <summary>The generic <c>images/*.png</c> + <c>masks/*.png</c> + <c>split.csv</c> folder.</summary>
    Folder,
}

/// <summary>
/// Writes any dataset in a real on-disk format, so that the readers are exercised end to end on files they did not write
/// themselves — chiefly the embedded phantoms written as JSRT+SCR or ISBI 2016 files.
/// </summary>
/// <remarks>
/// JSRT: sample i becomes the i-th JSRT case name (JPCLN001…JPCLN154, then JPCNN001…JPCNN093; at most 247 samples), its image is
/// resampled to 2048² and its mask to 1024²; the mask is split at the image's vertical midline into the patient's right lung
/// (image left, radiological convention) and left lung; the fold follows the case number's parity, as in SCR, so the original
/// split is not kept. ISBI 2016: training-split samples go to the Training folders, validation and test samples to the Test
/// folders; images are written as JPEG (quality 95), masks as 0/255 PNG. Folder: PNG images and masks and a split.csv.
/// </remarks>
public static class DatasetExporter
{
    /// <summary>Writes every sample of <paramref name="dataset"/> under <paramref name="root"/> in <paramref name="layout"/>; returns the files written.</summary>
    public static int Export(ISegmentationDataset dataset, ExportLayout layout, string root, IProgress<DataProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        int maxSamples = JsrtCaseName.NoduleCases + JsrtCaseName.NonNoduleCases;
        if (layout == ExportLayout.Jsrt && dataset.Samples.Count > maxSamples)
            throw new ArgumentException($"JSRT has {maxSamples} case names; the dataset has {dataset.Samples.Count} samples.", nameof(dataset));
        if (layout == ExportLayout.Isbi2016 && dataset.Samples.Select(s => s.Split == DatasetSplit.Train).Distinct().Count() < 2)
            throw new ArgumentException(
                $"the ISBI 2016 layout needs training and test samples (the reader requires all four folders); {dataset.Spec} has only {dataset.Samples[0].Split}.",
                nameof(dataset));
        Directory.CreateDirectory(root);
        var splitCsv = new StringBuilder("name,split\n");
        int files = 0;
        for (int i = 0; i < dataset.Samples.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var sample = dataset.Load(dataset.Samples[i]);
            files += layout switch
            {
                ExportLayout.Jsrt => WriteJsrt(sample, i, root),
                ExportLayout.Isbi2016 => WriteIsbi(sample, i, root),
                _ => WriteFolder(sample, root, splitCsv),
            };
            progress?.Report(new DataProgress(i + 1, dataset.Samples.Count, sample.Name));
        }
        if (layout == ExportLayout.Folder)
        {
            AtomicFile.WriteAllText(Path.Combine(root, "split.csv"), splitCsv.ToString());
            files++;
        }
        return files;
    }

    /// <summary>The JSRT case name of sample <paramref name="index"/>.</summary>
    public static JsrtCaseName JsrtNameOf(int index) => index < JsrtCaseName.NoduleCases
        ? new JsrtCaseName(true, index + 1)
        : new JsrtCaseName(false, index - JsrtCaseName.NoduleCases + 1);

    private static int WriteJsrt(SegmentationSample sample, int index, string root)
    {
        var name = JsrtNameOf(index);
        var grey = sample.Image.Channels == 1 ? sample.Image : ToGrey(sample.Image);
        string imagePath = Path.Combine(root, JsrtScrDataset.ImagesFolder, name.Name + ".IMG");
        Directory.CreateDirectory(Path.GetDirectoryName(imagePath)!);
        JsrtImageFormat.Write(RasterResampling.Image(grey, JsrtImageFormat.Side, JsrtImageFormat.Side), imagePath);

        var mask = RasterResampling.Mask(sample.Mask, JsrtScrDataset.MaskSide, JsrtScrDataset.MaskSide);
        int side = JsrtScrDataset.MaskSide, middle = side / 2;
        var imageLeft = new byte[side * side];
        var imageRight = new byte[side * side];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
                (x < middle ? imageLeft : imageRight)[y * side + x] = mask[y, x];
        // Radiological convention: the patient's right lung is on the image's left.
        foreach (var (folder, labels) in new[] { ("right lung", imageLeft), ("left lung", imageRight) })
        {
            string path = JsrtScrDataset.MaskPath(root, name.Fold, folder, name.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            GifFormat.Write(new MaskData(side, side, labels), path);
        }
        return 3;
    }

    private static int WriteIsbi(SegmentationSample sample, int index, string root)
    {
        bool training = sample.Split == DatasetSplit.Train;
        string id = $"ISIC_{index:D7}";
        string images = Path.Combine(root, training ? Isbi2016Dataset.TrainingImagesFolder : Isbi2016Dataset.TestImagesFolder);
        string masks = Path.Combine(root, training ? Isbi2016Dataset.TrainingMasksFolder : Isbi2016Dataset.TestMasksFolder);
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(masks);
        RasterImageFormat.WriteJpeg(sample.Image, Path.Combine(images, id + ".jpg"), quality: 95);
        RasterImageFormat.WritePng(sample.Mask, Path.Combine(masks, id + "_Segmentation.png"));
        return 2;
    }

    private static int WriteFolder(SegmentationSample sample, string root, StringBuilder splitCsv)
    {
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Directory.CreateDirectory(Path.Combine(root, "masks"));
        RasterImageFormat.WritePng(sample.Image, Path.Combine(root, "images", sample.Name + ".png"));
        RasterImageFormat.WritePng(sample.Mask, Path.Combine(root, "masks", sample.Name + ".png"));
        splitCsv.Append(sample.Name).Append(',').Append(sample.Split.ToString().ToLowerInvariant()).Append('\n');
        return 2;
    }

    private static ImageData ToGrey(ImageData rgb)
    {
        int n = rgb.Width * rgb.Height;
        var grey = new float[n];
        for (int i = 0; i < n; i++)
            grey[i] = 0.299f * rgb.Pixels[i] + 0.587f * rgb.Pixels[n + i] + 0.114f * rgb.Pixels[2 * n + i];
        return new ImageData(rgb.Width, rgb.Height, 1, grey);
    }
}
