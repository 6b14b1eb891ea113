using Nlce.Data;
using Nlce.Data.Formats;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data.Readers;

public sealed class JsrtScrDatasetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parity_of_the_247_jsrt_names_gives_folds_of_124_and_123()
    {
        var names = Enumerable.Range(1, 154).Select(i => $"JPCLN{i:D3}")
            .Concat(Enumerable.Range(1, 93).Select(i => $"JPCNN{i:D3}"))
            .Select(text => JsrtCaseName.TryParse(text, out var name) ? name! : throw new InvalidOperationException(text))
            .ToArray();

        Assert.Equal(247, names.Length);
        Assert.Equal(124, names.Count(n => n.Fold == ScrFold.Fold1));
        Assert.Equal(123, names.Count(n => n.Fold == ScrFold.Fold2));
        Assert.Equal(124, names.Count(n => JsrtScrDataset.SplitOf(n, ScrFold.Fold1) == DatasetSplit.Train));
        Assert.Equal(123, names.Count(n => JsrtScrDataset.SplitOf(n, ScrFold.Fold2) == DatasetSplit.Train));
    }

    [Theory]
    [InlineData("JPCLN001", true, 1, ScrFold.Fold1)]
    [InlineData("JPCLN154", true, 154, ScrFold.Fold2)]
    [InlineData("jpcnn093", false, 93, ScrFold.Fold1)]
    [InlineData("JPCNN010", false, 10, ScrFold.Fold2)]
    public void Case_names_parse_with_their_fold(string text, bool nodule, int number, ScrFold fold)
    {
        Assert.True(JsrtCaseName.TryParse(text, out var name));
        Assert.Equal((nodule, number, fold), (name!.HasNodule, name.Number, name.Fold));
        Assert.Equal(text.ToUpperInvariant(), name.Name);
    }

    [Theory]
    [InlineData("JPCLN000")]
    [InlineData("JPCLN155")]
    [InlineData("JPCNN094")]
    [InlineData("JPCXX001")]
    [InlineData("JPCLN01")]
    [InlineData("JPCLN001.IMG")]
    public void Non_jsrt_names_do_not_parse(string text) => Assert.False(JsrtCaseName.TryParse(text, out _));

    [Fact]
    public void Opens_the_real_layout_and_loads_a_reduced_image_with_the_union_of_both_lungs()
    {
        var layout = new JsrtLayout(_folder.Root);
        var image = layout.AddImageWithContent("JPCLN001");
        layout.AddMasks("JPCLN001");
        layout.AddImage("JPCLN002");
        layout.AddMasks("JPCLN002");
        layout.AddImage("JPCNN003");
        layout.AddMasks("JPCNN003");

        var dataset = new JsrtScrDataset(_folder.Root);

        Assert.Equal($"jsrt:{_folder.Root}", dataset.Spec);
        Assert.Equal(
            [new SampleRef("JPCLN001", DatasetSplit.Train), new SampleRef("JPCLN002", DatasetSplit.Test), new SampleRef("JPCNN003", DatasetSplit.Train)],
            dataset.Samples);

        var sample = dataset.Load(dataset.Samples[0]);
        Assert.Equal((1024, 1024, 1), (sample.Image.Width, sample.Image.Height, sample.Image.Channels));
        for (int y = 0, x = 0; y < 1024; y += 97, x = (x + 131) % 1024)
        {
            var expected = (image[0, 2 * y, 2 * x] + image[0, 2 * y, 2 * x + 1] + image[0, 2 * y + 1, 2 * x] + image[0, 2 * y + 1, 2 * x + 1]) / 4;
            Assert.Equal(expected, sample.Image[0, y, x], 5);
        }
        // Left lung mask covers columns 100..399, right lung 600..899, rows 200..799.
        Assert.Equal(1, sample.Mask[300, 150]);
        Assert.Equal(1, sample.Mask[300, 700]);
        Assert.Equal(0, sample.Mask[300, 500]);
        Assert.Equal(0, sample.Mask[100, 150]);
        Assert.Equal(2 * 300 * 600 / (1024.0 * 1024), sample.Mask.ForegroundFraction, 6);
        Assert.Contains("left lung", sample.Source);
    }

    [Fact]
    public void Training_fold_can_be_swapped()
    {
        var layout = new JsrtLayout(_folder.Root);
        foreach (var name in new[] { "JPCLN001", "JPCLN002" })
        {
            layout.AddImage(name);
            layout.AddMasks(name);
        }

        var dataset = new JsrtScrDataset(_folder.Root, ScrFold.Fold2);

        Assert.Equal([DatasetSplit.Test, DatasetSplit.Train], dataset.Samples.Select(s => s.Split));
        Assert.Throws<ArgumentException>("sample", () => dataset.Load(new SampleRef("JPCLN001", DatasetSplit.Train)));
    }

    [Fact]
    public void Image_without_a_mask_names_the_missing_mask_and_the_image()
    {
        var layout = new JsrtLayout(_folder.Root);
        layout.AddImage("JPCLN003");
        layout.AddMasks("JPCLN003", right: false);

        var error = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));

        Assert.Equal(layout.MaskPath("JPCLN003", "right lung"), error.Path);
        Assert.Contains(layout.ImagePath("JPCLN003"), error.Message);
    }

    [Fact]
    public void Mask_without_an_image_is_rejected_naming_it()
    {
        var layout = new JsrtLayout(_folder.Root);
        layout.AddImage("JPCLN001");
        layout.AddMasks("JPCLN001");
        layout.AddMasks("JPCNN005");

        var error = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));

        Assert.Contains(error.Path, new[] { layout.MaskPath("JPCNN005", "left lung"), layout.MaskPath("JPCNN005", "right lung") });
        Assert.Contains("without an image", error.Message);
    }

    [Fact]
    public void Mask_in_the_wrong_fold_is_rejected()
    {
        var layout = new JsrtLayout(_folder.Root);
        layout.AddImage("JPCLN002");
        layout.AddMasks("JPCLN002");
        var wrong = Path.Combine(_folder.Root, "scratch", "fold1", "masks", "left lung", "JPCLN002.gif");
        Directory.CreateDirectory(Path.GetDirectoryName(wrong)!);
        File.Copy(layout.MaskPath("JPCLN002", "left lung"), wrong);

        var error = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));

        Assert.Equal(wrong, error.Path);
        Assert.Contains("fold2", error.Message);
    }

    [Fact]
    public void Mask_of_the_wrong_size_is_rejected_naming_it()
    {
        var layout = new JsrtLayout(_folder.Root);
        layout.AddImage("JPCLN001");
        layout.AddMasks("JPCLN001", side: 512);

        var error = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));

        Assert.Equal("size", error.Field);
        Assert.Contains(layout.MaskPath("JPCLN001", "left lung"), error.Message);
        Assert.Contains("512×512", error.Message);
    }

    [Fact]
    public void Truncated_image_is_rejected_before_any_pixel_is_read()
    {
        var layout = new JsrtLayout(_folder.Root);
        layout.AddImage("JPCLN001", length: JsrtImageFormat.FileLength - 2);
        layout.AddMasks("JPCLN001");

        var error = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));

        Assert.Equal(layout.ImagePath("JPCLN001"), error.Path);
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("JPCLN200.IMG")]
    public void Unexpected_files_among_the_images_are_rejected(string file)
    {
        var layout = new JsrtLayout(_folder.Root);
        layout.AddImage("JPCLN001");
        layout.AddMasks("JPCLN001");
        var path = Path.Combine(_folder.Root, JsrtScrDataset.ImagesFolder, file);
        File.WriteAllText(path, "x");

        var error = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Missing_or_empty_image_folder_is_rejected()
    {
        var missing = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));
        Assert.Equal(Path.Combine(_folder.Root, JsrtScrDataset.ImagesFolder), missing.Path);

        Directory.CreateDirectory(Path.Combine(_folder.Root, JsrtScrDataset.ImagesFolder));
        var empty = Assert.Throws<DataFormatException>(() => new JsrtScrDataset(_folder.Root));
        Assert.Contains("no JSRT images", empty.Message);
    }

    /// <summary>Writes the JSRT + SCR folder layout: All247images/*.IMG and scratch/fold{1,2}/masks/{left lung,right lung}/*.gif.</summary>
    private sealed class JsrtLayout(string root)
    {
        public string ImagePath(string name) => Path.Combine(root, JsrtScrDataset.ImagesFolder, name + ".IMG");

        public string MaskPath(string name, string side)
        {
            JsrtCaseName.TryParse(name, out var parsed);
            return Path.Combine(root, "scratch", $"fold{(int)parsed!.Fold}", "masks", side, name + ".gif");
        }

        /// <summary>A file of the right length (sparse, all zero) for tests that never read pixels.</summary>
        public void AddImage(string name, long length = JsrtImageFormat.FileLength)
        {
            var path = ImagePath(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = File.Create(path);
            file.SetLength(length);
        }

        /// <summary>A real image with a varied pattern; returns what was written.</summary>
        public ImageData AddImageWithContent(string name)
        {
            var pixels = new float[2048 * 2048];
            for (var i = 0; i < pixels.Length; i++)
                pixels[i] = (i % 2048 * 3 + i / 2048 * 5) % 4096 / 4095f;
            var image = new ImageData(2048, 2048, 1, pixels);
            var path = ImagePath(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            JsrtImageFormat.Write(image, path);
            return image;
        }

        /// <summary>Rectangular lungs: left over columns 100..399, right over 600..899, rows 200..799 (at 1024²).</summary>
        public void AddMasks(string name, bool left = true, bool right = true, int side = 1024)
        {
            if (left)
                WriteMask(MaskPath(name, "left lung"), side, 100 * side / 1024, 400 * side / 1024);
            if (right)
                WriteMask(MaskPath(name, "right lung"), side, 600 * side / 1024, 900 * side / 1024);
        }

        private static void WriteMask(string path, int side, int fromColumn, int toColumn)
        {
            var labels = new byte[side * side];
            for (var y = 200 * side / 1024; y < 800 * side / 1024; y++)
                for (var x = fromColumn; x < toColumn; x++)
                    labels[y * side + x] = 1;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            GifFormat.Write(new MaskData(side, side, labels), path);
        }
    }
}
