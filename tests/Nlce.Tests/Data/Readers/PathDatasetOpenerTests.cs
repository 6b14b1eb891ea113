using Nlce.Data;
using Nlce.Data.Formats;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data.Readers;

public sealed class PathDatasetOpenerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Opens_a_folder_spec_with_the_seed_and_reports_the_same_spec()
    {
        for (var i = 0; i < 5; i++)
        {
            RasterFixtures.WriteImage(Path.Combine(_folder.Root, "images", $"x{i}.png"), 4, 4, 1);
            RasterFixtures.WriteMask(Path.Combine(_folder.Root, "masks", $"x{i}.png"), 4, 4, 2);
        }
        var spec = DatasetSpec.Parse($"folder:{_folder.Root}");

        var dataset = PathDatasetOpener.Open(spec, new PathDatasetOptions { Seed = 9 });

        var folder = Assert.IsType<FolderDataset>(dataset);
        Assert.Equal(9, folder.Seed);
        Assert.Equal(spec, DatasetSpec.Parse(dataset.Spec));
    }

    [Fact]
    public void Opens_a_nifti_spec_along_the_chosen_axis()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Root, "images"));
        Directory.CreateDirectory(Path.Combine(_folder.Root, "masks"));
        var volume = new NiftiVolume(new VolumeShape(3, 2, 7), new float[42]);
        NiftiFormat.Write(volume, Path.Combine(_folder.Root, "images", "v.nii"));
        NiftiFormat.Write(volume, Path.Combine(_folder.Root, "masks", "v.nii"));

        var dataset = PathDatasetOpener.Open(DatasetSpec.Parse($"NIFTI:{_folder.Root}"), new PathDatasetOptions { NiftiAxis = 0 });

        Assert.Equal(0, Assert.IsType<NiftiDataset>(dataset).Axis);
        Assert.Equal(3, dataset.Samples.Count);
    }

    [Theory]
    [InlineData("jsrt", "All247images")]
    [InlineData("isbi2016", "ISBI2016_ISIC_Part1_Training_Data")]
    public void Jsrt_and_isbi_specs_reach_their_readers(string kind, string expectedFolder)
    {
        var error = Assert.Throws<DataFormatException>(() => PathDatasetOpener.Open(DatasetSpec.Parse($"{kind}:{_folder.Root}")));
        Assert.Equal(Path.Combine(_folder.Root, expectedFolder), error.Path);
    }

    [Fact]
    public void Manifest_ids_are_refused_with_a_pointer_to_the_catalog()
    {
        var error = Assert.Throws<ArgumentException>("spec", () => PathDatasetOpener.Open(DatasetSpec.Parse("phantom-lung")));
        Assert.Contains("manifest", error.Message);
        Assert.Contains("folder", error.Message);
    }

    [Fact]
    public void Options_validate_themselves()
    {
        Assert.Throws<ArgumentOutOfRangeException>("NiftiAxis", () => new PathDatasetOptions { NiftiAxis = 3 });
        Assert.Throws<ArgumentOutOfRangeException>("JsrtTrainingFold", () => new PathDatasetOptions { JsrtTrainingFold = (ScrFold)0 });
        Assert.Equal((2, ScrFold.Fold1, 0), (new PathDatasetOptions().NiftiAxis, new PathDatasetOptions().JsrtTrainingFold, new PathDatasetOptions().Seed));
    }
}
