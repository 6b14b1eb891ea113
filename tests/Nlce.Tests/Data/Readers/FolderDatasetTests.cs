using Nlce.Data;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data.Readers;

public sealed class FolderDatasetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Image(string file) => Path.Combine(_folder.Root, "images", file);
    private string Mask(string name) => Path.Combine(_folder.Root, "masks", name + ".png");

    private void AddCase(string name, string extension, int width, int height, int channels)
    {
        RasterFixtures.WriteImage(Image(name + extension), width, height, channels);
        RasterFixtures.WriteMask(Mask(name), width, height, width / 2);
    }

    [Fact]
    public void Opens_grey_and_colour_images_of_any_size_with_split_csv()
    {
        AddCase("b-grey", ".png", 20, 10, 1);
        AddCase("a-colour", ".jpg", 12, 18, 3);
        AddCase("c-jpeg", ".JPEG", 9, 9, 3);
        File.WriteAllText(Path.Combine(_folder.Root, "split.csv"), "name,split\nb-grey,val\na-colour,train\nc-jpeg,test\n");

        var dataset = new FolderDataset(_folder.Root);

        Assert.Equal($"folder:{_folder.Root}", dataset.Spec);
        Assert.Equal(
            [new SampleRef("a-colour", DatasetSplit.Train), new SampleRef("b-grey", DatasetSplit.Val), new SampleRef("c-jpeg", DatasetSplit.Test)],
            dataset.Samples);
        var grey = dataset.Load(dataset.Samples[1]);
        Assert.Equal((20, 10, 1), (grey.Image.Width, grey.Image.Height, grey.Image.Channels));
        Assert.Equal(0.5, grey.Mask.ForegroundFraction);
        var colour = dataset.Load(dataset.Samples[0]);
        Assert.Equal(3, colour.Image.Channels);
    }

    [Fact]
    public void Without_split_csv_the_split_is_seeded_80_20_and_independent_of_creation_order()
    {
        var names = Enumerable.Range(0, 10).Select(i => $"case{i}").ToArray();
        foreach (var name in names)
            AddCase(name, ".png", 4, 4, 1);
        using var other = new TemporaryFolder();
        foreach (var name in names.Reverse())
        {
            RasterFixtures.WriteImage(Path.Combine(other.Root, "images", name + ".png"), 4, 4, 1);
            RasterFixtures.WriteMask(Path.Combine(other.Root, "masks", name + ".png"), 4, 4, 1);
        }

        var a = new FolderDataset(_folder.Root, seed: 5);
        var b = new FolderDataset(other.Root, seed: 5);

        Assert.Equal(2, a.Samples.Count(s => s.Split == DatasetSplit.Test));
        Assert.Equal(8, a.Samples.Count(s => s.Split == DatasetSplit.Train));
        Assert.Equal(a.Samples, b.Samples);
        Assert.Equal(SeededSplit.TrainTest(names, 5).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value), a.Samples.Select(s => s.Split));
    }

    [Fact]
    public void Image_without_a_mask_is_rejected_naming_it()
    {
        AddCase("a", ".png", 4, 4, 1);
        RasterFixtures.WriteImage(Image("lonely.jpg"), 4, 4, 3);

        var error = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));

        Assert.Equal(Image("lonely.jpg"), error.Path);
        Assert.Contains(Mask("lonely"), error.Message);
    }

    [Fact]
    public void Mask_without_an_image_is_rejected_naming_it()
    {
        AddCase("a", ".png", 4, 4, 1);
        RasterFixtures.WriteMask(Mask("orphan"), 4, 4, 1);

        var error = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));

        Assert.Equal(Mask("orphan"), error.Path);
    }

    [Fact]
    public void Empty_images_folder_and_missing_folders_are_rejected()
    {
        var noImages = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));
        Assert.Equal(Path.Combine(_folder.Root, "images"), noImages.Path);

        Directory.CreateDirectory(Path.Combine(_folder.Root, "images"));
        Directory.CreateDirectory(Path.Combine(_folder.Root, "masks"));
        var empty = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));
        Assert.Equal(Path.Combine(_folder.Root, "images"), empty.Path);
        Assert.Contains("no images", empty.Message);

        var missingRoot = Path.Combine(_folder.Root, "absent");
        Assert.Equal(missingRoot, Assert.Throws<DataFormatException>(() => new FolderDataset(missingRoot)).Path);
    }

    [Fact]
    public void Hidden_files_are_ignored_but_unexpected_extensions_are_rejected()
    {
        AddCase("a", ".png", 4, 4, 1);
        File.WriteAllText(Path.Combine(_folder.Root, "images", ".DS_Store"), "x");
        Assert.Single(new FolderDataset(_folder.Root).Samples);

        var bmp = Image("b.bmp");
        File.WriteAllText(bmp, "x");
        var error = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));
        Assert.Equal(bmp, error.Path);
        Assert.Contains(".png, .jpg, .jpeg", error.Message);
    }

    [Fact]
    public void Two_images_with_one_name_are_rejected()
    {
        AddCase("a", ".png", 4, 4, 1);
        RasterFixtures.WriteImage(Image("a.jpg"), 4, 4, 3);

        var error = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));

        Assert.Contains("'a'", error.Message);
    }

    [Theory]
    [InlineData("name,split\na,train\nb,validation\n", "line 3")]
    [InlineData("name,split\na,train\nzzz,test\nb,test\n", "line 3")]
    [InlineData("image,fold\na,train\nb,test\n", "line 1")]
    public void Bad_split_csv_is_rejected_naming_file_and_line(string content, string line)
    {
        AddCase("a", ".png", 4, 4, 1);
        AddCase("b", ".png", 4, 4, 1);
        var split = Path.Combine(_folder.Root, "split.csv");
        File.WriteAllText(split, content);

        var error = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));

        Assert.Equal(split, error.Path);
        Assert.Equal(line, error.Field);
        Assert.Contains($"{split}: {line}:", error.Message);
    }

    [Fact]
    public void Mask_size_different_from_the_image_is_rejected_at_open()
    {
        RasterFixtures.WriteImage(Image("a.png"), 10, 10, 1);
        RasterFixtures.WriteMask(Mask("a"), 10, 11, 3);

        var error = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));

        Assert.Equal(Mask("a"), error.Path);
        Assert.Equal("size", error.Field);
        Assert.Contains("10×11", error.Message);
        Assert.Contains(Image("a.png"), error.Message);
    }

    [Fact]
    public void Mask_replaced_after_opening_is_still_checked_on_load()
    {
        AddCase("a", ".png", 10, 10, 1);
        var dataset = new FolderDataset(_folder.Root);
        RasterFixtures.WriteMask(Mask("a"), 12, 10, 3);

        var error = Assert.Throws<DataFormatException>(() => dataset.Load(dataset.Samples[0]));

        Assert.Equal((Mask("a"), "size"), (error.Path, error.Field));
    }

    [Fact]
    public void Unrecognisable_mask_is_rejected_at_open_naming_it()
    {
        AddCase("a", ".png", 6, 6, 1);
        File.WriteAllText(Mask("a"), "not a png");

        var error = Assert.Throws<DataFormatException>(() => new FolderDataset(_folder.Root));

        Assert.Equal((Mask("a"), "signature"), (error.Path, error.Field));
    }

    [Fact]
    public void Truncated_mask_is_rejected_on_load_naming_it()
    {
        AddCase("a", ".png", 64, 64, 1);
        var bytes = File.ReadAllBytes(Mask("a"));
        File.WriteAllBytes(Mask("a"), bytes[..(bytes.Length - 20)]); // header intact, end of the pixel data gone
        var dataset = new FolderDataset(_folder.Root);

        var error = Assert.Throws<DataFormatException>(() => dataset.Load(dataset.Samples[0]));

        Assert.Equal(Mask("a"), error.Path);
        Assert.Contains("corrupt PNG", error.Message);
    }

    [Fact]
    public void Loading_a_sample_of_another_dataset_is_an_argument_error()
    {
        AddCase("a", ".png", 4, 4, 1);
        var dataset = new FolderDataset(_folder.Root);
        Assert.Throws<ArgumentException>("sample", () => dataset.Load(new SampleRef("b", DatasetSplit.Train)));
    }
}
