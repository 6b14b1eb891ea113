using Nlce.Data;
using Nlce.Data.Formats;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data.Readers;

public sealed class NiftiDatasetTests : IDisposable
{
    private static readonly VolumeShape Shape = new(6, 5, 4);
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string ImagePath(string file) => Path.Combine(_folder.Root, "images", file);
    private string MaskPath(string file) => Path.Combine(_folder.Root, "masks", file);

    /// <summary>Image voxels offset + x + 10y + 100z (int16); mask = 1 where x ≥ 3, stored as 0/2 to test "non-zero".</summary>
    private void AddVolume(string name, string extension = ".nii", int offset = 0, VolumeShape? maskShape = null)
    {
        var image = new float[Shape.VoxelCount];
        for (var z = 0; z < Shape.Z; z++)
            for (var y = 0; y < Shape.Y; y++)
                for (var x = 0; x < Shape.X; x++)
                    image[x + Shape.X * (y + Shape.Y * z)] = offset + x + 10 * y + 100 * z;
        var mShape = maskShape ?? Shape;
        var mask = new float[mShape.VoxelCount];
        for (var i = 0; i < mask.Length; i++)
            mask[i] = i % mShape.X >= 3 ? 2 : 0;
        Directory.CreateDirectory(Path.Combine(_folder.Root, "images"));
        Directory.CreateDirectory(Path.Combine(_folder.Root, "masks"));
        NiftiFormat.Write(new NiftiVolume(Shape, image), ImagePath(name + extension), new NiftiWriteOptions { DataType = NiftiDataType.Int16 });
        NiftiFormat.Write(new NiftiVolume(mShape, mask), MaskPath(name + extension), new NiftiWriteOptions { DataType = NiftiDataType.UInt8 });
    }

    [Theory]
    [InlineData(0, 6, 5, 4)]
    [InlineData(1, 5, 6, 4)]
    [InlineData(2, 4, 6, 5)]
    public void Every_slice_along_the_axis_is_a_named_sample(int axis, int slices, int width, int height)
    {
        AddVolume("brain", ".nii.gz");
        AddVolume("liver", ".nii", offset: 50);
        File.WriteAllText(Path.Combine(_folder.Root, "split.csv"), "name,split\nbrain,train\nliver,test\n");

        var dataset = new NiftiDataset(_folder.Root, axis);

        Assert.Equal($"nifti:{_folder.Root}", dataset.Spec);
        Assert.Equal(2 * slices, dataset.Samples.Count);
        Assert.Equal(new SampleRef("brain#0", DatasetSplit.Train), dataset.Samples[0]);
        Assert.Equal(new SampleRef($"liver#{slices - 1}", DatasetSplit.Test), dataset.Samples[^1]);
        var sample = dataset.Load(dataset.Samples[1]);
        Assert.Equal((width, height, 1), (sample.Image.Width, sample.Image.Height, sample.Image.Channels));
        Assert.Equal((width, height), (sample.Mask.Width, sample.Mask.Height));
    }

    [Fact]
    public void Intensities_are_min_max_normalised_per_volume_and_masks_binarised()
    {
        AddVolume("a", offset: 1000);
        var dataset = new NiftiDataset(_folder.Root, axis: 2);

        // Volume values run from 1000 to 1000 + 5 + 40 + 300 = 1345.
        var first = dataset.Load(dataset.Samples[0]);
        var last = dataset.Load(dataset.Samples[3]);
        Assert.Equal(0f, first.Image[0, 0, 0]);
        Assert.Equal(1f, last.Image[0, 4, 5]);
        Assert.Equal((2 + 10 * 3 + 100 * 1) / 345f, dataset.Load(dataset.Samples[1]).Image[0, 3, 2], 6);
        Assert.Equal(0, first.Mask[1, 2]);
        Assert.Equal(1, first.Mask[1, 3]);
        Assert.Equal(0.5, first.Mask.ForegroundFraction);
    }

    [Fact]
    public void Default_split_keeps_each_volumes_slices_together()
    {
        for (var v = 0; v < 10; v++)
            AddVolume($"v{v}");

        var dataset = new NiftiDataset(_folder.Root, axis: 2, seed: 3);

        var byVolume = dataset.Samples.GroupBy(s => s.Name.Split('#')[0]).ToArray();
        Assert.Equal(10, byVolume.Length);
        Assert.All(byVolume, g => Assert.Single(g.Select(s => s.Split).Distinct()));
        Assert.Equal(2, byVolume.Count(g => g.First().Split == DatasetSplit.Test));
    }

    [Fact]
    public void Mask_with_other_dimensions_is_rejected_naming_it()
    {
        AddVolume("a", maskShape: new VolumeShape(6, 5, 3));

        var error = Assert.Throws<DataFormatException>(() => new NiftiDataset(_folder.Root));

        Assert.Equal(MaskPath("a.nii"), error.Path);
        Assert.Equal("dim", error.Field);
        Assert.Contains("6×5×3", error.Message);
    }

    [Fact]
    public void Volume_without_a_mask_is_rejected_naming_it()
    {
        AddVolume("a");
        File.Delete(MaskPath("a.nii"));
        AddVolume("b");

        var error = Assert.Throws<DataFormatException>(() => new NiftiDataset(_folder.Root));

        Assert.Equal(ImagePath("a.nii"), error.Path);
    }

    [Fact]
    public void Bad_header_is_rejected_naming_the_file_and_field()
    {
        AddVolume("a");
        var bytes = File.ReadAllBytes(ImagePath("a.nii"));
        bytes[70] = 99; // datatype
        bytes[71] = 0;
        File.WriteAllBytes(ImagePath("a.nii"), bytes);

        var error = Assert.Throws<DataFormatException>(() => new NiftiDataset(_folder.Root));

        Assert.Equal(ImagePath("a.nii"), error.Path);
        Assert.Equal("datatype", error.Field);
        Assert.Contains($"{ImagePath("a.nii")}: datatype:", error.Message);
    }

    [Fact]
    public void Empty_images_folder_and_bad_split_csv_are_rejected()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Root, "images"));
        Directory.CreateDirectory(Path.Combine(_folder.Root, "masks"));
        Assert.Contains("no volumes", Assert.Throws<DataFormatException>(() => new NiftiDataset(_folder.Root)).Message);

        AddVolume("a");
        var split = Path.Combine(_folder.Root, "split.csv");
        File.WriteAllText(split, "name,split\na#0,train\n");
        var error = Assert.Throws<DataFormatException>(() => new NiftiDataset(_folder.Root));
        Assert.Equal((split, "line 2"), (error.Path, error.Field));
    }

    [Fact]
    public void Axis_outside_0_to_2_is_an_argument_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>("axis", () => new NiftiDataset(_folder.Root, axis: 3));
    }
}
