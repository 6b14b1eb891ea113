using Nlce.Data;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data.Readers;

public sealed class Isbi2016DatasetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string TrainImage(string id) => Path.Combine(_folder.Root, Isbi2016Dataset.TrainingImagesFolder, $"ISIC_{id}.jpg");
    private string TrainMask(string id, string suffix = "Segmentation") =>
        Path.Combine(_folder.Root, Isbi2016Dataset.TrainingMasksFolder, $"ISIC_{id}_{suffix}.png");
    private string TestImage(string id) => Path.Combine(_folder.Root, Isbi2016Dataset.TestImagesFolder, $"ISIC_{id}.jpg");
    private string TestMask(string id, string suffix = "Segmentation") =>
        Path.Combine(_folder.Root, Isbi2016Dataset.TestMasksFolder, $"ISIC_{id}_{suffix}.png");

    private void BuildValidLayout()
    {
        RasterFixtures.WriteImage(TrainImage("0000001"), 40, 30, 3);
        RasterFixtures.WriteMask(TrainMask("0000001"), 40, 30, 10);
        RasterFixtures.WriteImage(TrainImage("0000000"), 24, 36, 3);
        // Lower-case suffix: ordinal order of mask names differs from image names; pairing must go by id.
        RasterFixtures.WriteMask(TrainMask("0000000", "segmentation"), 24, 36, 5);
        RasterFixtures.WriteImage(TestImage("0000009"), 16, 16, 3);
        RasterFixtures.WriteMask(TestMask("0000009"), 16, 16, 16);
    }

    [Fact]
    public void Opens_the_four_archive_folders_and_pairs_by_id()
    {
        BuildValidLayout();

        var dataset = new Isbi2016Dataset(_folder.Root);

        Assert.Equal($"isbi2016:{_folder.Root}", dataset.Spec);
        Assert.Equal(
            [new SampleRef("ISIC_0000000", DatasetSplit.Train), new SampleRef("ISIC_0000001", DatasetSplit.Train), new SampleRef("ISIC_0000009", DatasetSplit.Test)],
            dataset.Samples);
        var first = dataset.Load(dataset.Samples[0]);
        Assert.Equal((24, 36, 3), (first.Image.Width, first.Image.Height, first.Image.Channels));
        Assert.Equal(5 / 24.0, first.Mask.ForegroundFraction, 6);
        var test = dataset.Load(dataset.Samples[2]);
        Assert.Equal(1.0, test.Mask.ForegroundFraction);
        Assert.Contains(TestImage("0000009"), test.Source);
    }

    [Fact]
    public void Image_without_a_mask_is_rejected_naming_it()
    {
        BuildValidLayout();
        RasterFixtures.WriteImage(TrainImage("0000005"), 8, 8, 3);

        var error = Assert.Throws<DataFormatException>(() => new Isbi2016Dataset(_folder.Root));

        Assert.Equal(TrainImage("0000005"), error.Path);
        Assert.Contains("ISIC_0000005_Segmentation.png", error.Message);
    }

    [Fact]
    public void Mask_without_an_image_is_rejected_naming_it()
    {
        BuildValidLayout();
        RasterFixtures.WriteMask(TestMask("0000042"), 8, 8, 1);

        var error = Assert.Throws<DataFormatException>(() => new Isbi2016Dataset(_folder.Root));

        Assert.Equal(TestMask("0000042"), error.Path);
        Assert.Contains("ISIC_0000042.jpg", error.Message);
    }

    [Fact]
    public void Mask_size_different_from_the_image_is_rejected_at_open_naming_both()
    {
        BuildValidLayout();
        RasterFixtures.WriteMask(TrainMask("0000001"), 39, 30, 10);

        var error = Assert.Throws<DataFormatException>(() => new Isbi2016Dataset(_folder.Root));

        Assert.Equal(TrainMask("0000001"), error.Path);
        Assert.Equal("size", error.Field);
        Assert.Contains("39×30", error.Message);
        Assert.Contains(TrainImage("0000001"), error.Message);
    }

    [Fact]
    public void Image_with_a_corrupt_header_is_rejected_at_open_naming_it()
    {
        BuildValidLayout();
        File.WriteAllBytes(TrainImage("0000000"), [0xFF, 0xD8, 0xFF, 0x00, 0x13]);

        var error = Assert.Throws<DataFormatException>(() => new Isbi2016Dataset(_folder.Root));

        Assert.Equal(TrainImage("0000000"), error.Path);
    }

    [Fact]
    public void Mask_whose_data_is_truncated_is_rejected_on_load_naming_it()
    {
        BuildValidLayout();
        var path = TrainMask("0000001");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 20)]); // header intact, end of the pixel data gone
        var dataset = new Isbi2016Dataset(_folder.Root);

        var error = Assert.Throws<DataFormatException>(() => dataset.Load(dataset.Samples[1]));

        Assert.Equal(path, error.Path);
        Assert.Contains("corrupt PNG", error.Message);
    }

    [Theory]
    [InlineData(Isbi2016Dataset.TestImagesFolder)]
    [InlineData(Isbi2016Dataset.TestMasksFolder)]
    [InlineData(Isbi2016Dataset.TrainingMasksFolder)]
    public void Missing_archive_folder_is_rejected_naming_it(string folder)
    {
        BuildValidLayout();
        Directory.Delete(Path.Combine(_folder.Root, folder), recursive: true);

        var error = Assert.Throws<DataFormatException>(() => new Isbi2016Dataset(_folder.Root));

        Assert.Equal(Path.Combine(_folder.Root, folder), error.Path);
        Assert.Contains($"{folder}.zip", error.Message);
    }

    [Theory]
    [InlineData(Isbi2016Dataset.TrainingImagesFolder, "ISIC_123.jpg")]
    [InlineData(Isbi2016Dataset.TrainingImagesFolder, "ISIC_0000003.png")]
    [InlineData(Isbi2016Dataset.TrainingMasksFolder, "ISIC_0000001_mask.png")]
    public void Files_off_the_naming_pattern_are_rejected(string folder, string file)
    {
        BuildValidLayout();
        var path = Path.Combine(_folder.Root, folder, file);
        File.WriteAllText(path, "x");

        var error = Assert.Throws<DataFormatException>(() => new Isbi2016Dataset(_folder.Root));

        Assert.Equal(path, error.Path);
        Assert.Contains("ISIC_<7 digits>", error.Message);
    }

    [Fact]
    public void Empty_image_folder_is_rejected()
    {
        BuildValidLayout();
        foreach (var file in Directory.GetFiles(Path.Combine(_folder.Root, Isbi2016Dataset.TestImagesFolder)))
            File.Delete(file);
        foreach (var file in Directory.GetFiles(Path.Combine(_folder.Root, Isbi2016Dataset.TestMasksFolder)))
            File.Delete(file);

        var error = Assert.Throws<DataFormatException>(() => new Isbi2016Dataset(_folder.Root));

        Assert.Equal(Path.Combine(_folder.Root, Isbi2016Dataset.TestImagesFolder), error.Path);
        Assert.Contains("no images", error.Message);
    }
}
