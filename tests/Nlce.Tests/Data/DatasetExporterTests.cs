using Nlce.Data;
using Nlce.Data.Export;
using Nlce.Data.Phantoms;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data;

/// <summary>Phantoms written in the real formats and read back by the real readers, end to end.</summary>
public sealed class DatasetExporterTests
{
    private static double Dice(MaskData a, MaskData b)
    {
        int both = 0, total = 0;
        for (int i = 0; i < a.Labels.Length; i++)
        {
            both += a.Labels[i] & b.Labels[i];
            total += a.Labels[i] + b.Labels[i];
        }
        return total == 0 ? 1 : 2.0 * both / total;
    }

    private static double MeanAbsoluteDifference(ImageData a, ImageData b) =>
        a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Average();

    [Fact]
    public void Lung_phantoms_survive_the_jsrt_and_scr_formats()
    {
        using var folder = new TemporaryFolder();
        var phantoms = new PhantomDataset(PhantomKind.Lung, new PhantomOptions { Count = 3, Size = 64 });
        int files = DatasetExporter.Export(phantoms, ExportLayout.Jsrt, folder.Root);
        Assert.Equal(9, files); // one .IMG and two lung GIFs per case
        Assert.Equal(8_388_608, new FileInfo(Path.Combine(folder.Root, "All247images", "JPCLN001.IMG")).Length);

        var jsrt = new JsrtScrDataset(folder.Root);
        Assert.Equal(["JPCLN001", "JPCLN002", "JPCLN003"], jsrt.Samples.Select(s => s.Name));
        Assert.Equal([DatasetSplit.Train, DatasetSplit.Test, DatasetSplit.Train], jsrt.Samples.Select(s => s.Split)); // SCR folds by parity
        for (int i = 0; i < 3; i++)
        {
            var original = phantoms.Load(phantoms.Samples[i]);
            var read = jsrt.Load(jsrt.Samples[i]);
            Assert.Equal((1024, 1024), (read.Image.Width, read.Mask.Width));
            var mask = RasterResampling.Mask(read.Mask, 64, 64);
            Assert.True(Dice(original.Mask, mask) > 0.97, $"case {i}: mask Dice {Dice(original.Mask, mask)}");
            var image = RasterResampling.Image(read.Image, 64, 64);
            Assert.True(MeanAbsoluteDifference(original.Image, image) < 0.02, $"case {i}: image differs by {MeanAbsoluteDifference(original.Image, image)}");
        }
    }

    [Fact]
    public void Skin_phantoms_survive_the_isbi_2016_formats()
    {
        using var folder = new TemporaryFolder();
        var phantoms = new PhantomDataset(PhantomKind.Skin, new PhantomOptions { Count = 10, Size = 48 });
        DatasetExporter.Export(phantoms, ExportLayout.Isbi2016, folder.Root);
        var isbi = new Isbi2016Dataset(folder.Root);
        Assert.Equal(10, isbi.Samples.Count);
        Assert.Equal(phantoms.Samples.Count(s => s.Split == DatasetSplit.Train), isbi.Samples.Count(s => s.Split == DatasetSplit.Train));
        var first = isbi.Samples.Single(s => s.Name == "ISIC_0000000");
        var read = isbi.Load(first);
        var original = phantoms.Load(phantoms.Samples[0]);
        Assert.Equal(original.Mask.Labels, read.Mask.Labels); // PNG is lossless
        Assert.Equal(3, read.Image.Channels);
        Assert.True(MeanAbsoluteDifference(original.Image, read.Image) < 0.03); // JPEG quality 95
    }

    [Fact]
    public void Folder_export_keeps_names_splits_and_pixels()
    {
        using var folder = new TemporaryFolder();
        var phantoms = new PhantomDataset(PhantomKind.Lung, new PhantomOptions { Count = 5, Size = 40 });
        DatasetExporter.Export(phantoms, ExportLayout.Folder, folder.Root);
        var read = new FolderDataset(folder.Root);
        Assert.Equal(phantoms.Samples, read.Samples);
        var a = phantoms.Load(phantoms.Samples[2]);
        var b = read.Load(read.Samples[2]);
        Assert.Equal(a.Mask.Labels, b.Mask.Labels);
        Assert.True(MeanAbsoluteDifference(a.Image, b.Image) <= 0.5 / 255 + 1e-6); // 8-bit quantisation only
    }

    [Fact]
    public void More_samples_than_jsrt_case_names_is_an_error()
    {
        using var folder = new TemporaryFolder();
        var phantoms = new PhantomDataset(PhantomKind.Lung, new PhantomOptions { Count = 248, Size = 32 });
        var e = Assert.Throws<ArgumentException>(() => DatasetExporter.Export(phantoms, ExportLayout.Jsrt, folder.Root));
        Assert.Contains("247", e.Message);
    }

    [Fact]
    public void An_isbi_export_without_test_samples_is_refused_up_front()
    {
        using var folder = new TemporaryFolder();
        var trainOnly = new PhantomDataset(PhantomKind.Skin, new PhantomOptions { Count = 5, Size = 32 });
        var e = Assert.Throws<ArgumentException>(() => DatasetExporter.Export(trainOnly, ExportLayout.Isbi2016, folder.Root));
        Assert.Contains("training and test", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Root));
    }

    [Fact]
    public void Resampling_keeps_constant_images_and_binary_masks()
    {
        var constant = new ImageData(5, 3, 1, Enumerable.Repeat(0.25f, 15).ToArray());
        Assert.All(RasterResampling.Image(constant, 11, 7).Pixels, v => Assert.Equal(0.25f, v, 6));
        var mask = new MaskData(4, 4, [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]);
        var up = RasterResampling.Mask(mask, 8, 8);
        Assert.Equal(32, up.Labels.Count(v => v == 1));
        Assert.Equal(1, up[3, 7]);
        Assert.Equal(0, up[3, 3]);
    }
}
