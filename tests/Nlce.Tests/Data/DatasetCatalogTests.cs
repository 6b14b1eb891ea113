using Nlce.Data;
using Nlce.Data.Export;
using Nlce.Data.Phantoms;
using Nlce.Data.Readers;

namespace Nlce.Tests.Data;

public sealed class DatasetCatalogTests
{
    [Theory]
    [InlineData("phantom-lung", 1)]
    [InlineData("phantom-skin", 3)]
    public void Phantom_ids_open_the_embedded_phantoms_with_manifest_defaults_and_overrides(string id, int channels)
    {
        var defaults = DatasetCatalog.Open(id);
        Assert.Equal(id, defaults.Spec);
        Assert.Equal(200, defaults.Samples.Count);
        var small = (PhantomDataset)DatasetCatalog.Open(id, new DatasetOpenOptions(PhantomCount: 5, PhantomSize: 48, PhantomSeed: 3));
        Assert.Equal((5, 48, 3), (small.Options.Count, small.Options.Size, small.Options.Seed));
        var sample = small.Load(small.Samples[0]);
        Assert.Equal(channels, sample.Image.Channels);
        Assert.Equal(48, sample.Image.Width);
    }

    [Fact]
    public void A_registered_dataset_not_on_disk_says_where_to_get_it()
    {
        using var folder = new TemporaryFolder();
        var jsrt = Assert.Throws<DataFormatException>(() => DatasetCatalog.Open("jsrt-scr", new DatasetOpenOptions(DataRoot: folder.Root)));
        Assert.Contains(Path.Combine(folder.Root, "jsrt-scr"), jsrt.Message);
        Assert.Contains("registration", jsrt.Message);
        var isbi = Assert.Throws<DataFormatException>(() => DatasetCatalog.Open("isbi2016", new DatasetOpenOptions(DataRoot: folder.Root)));
        Assert.Contains("nlce data fetch isbi2016", isbi.Message);
    }

    [Fact]
    public void Unknown_ids_suggest_the_closest()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetCatalog.Open("phantom-lungs"));
        Assert.Contains("phantom-lung", e.Message);
    }

    [Fact]
    public void A_registered_id_on_disk_opens_with_its_manifest_reader()
    {
        using var folder = new TemporaryFolder();
        var phantoms = DatasetCatalog.Open("phantom-skin", new DatasetOpenOptions(PhantomCount: 10, PhantomSize: 40));
        DatasetExporter.Export(phantoms, ExportLayout.Isbi2016, Path.Combine(folder.Root, "isbi2016"));
        var isbi = DatasetCatalog.Open("isbi2016", new DatasetOpenOptions(DataRoot: folder.Root));
        Assert.IsType<Isbi2016Dataset>(isbi);
        Assert.Equal(10, isbi.Samples.Count);
    }

    [Fact]
    public void Fingerprints_follow_the_inputs()
    {
        var a = DatasetCatalog.Open("phantom-lung", new DatasetOpenOptions(PhantomCount: 4, PhantomSize: 32));
        var b = DatasetCatalog.Open("phantom-lung", new DatasetOpenOptions(PhantomCount: 4, PhantomSize: 32));
        var c = DatasetCatalog.Open("phantom-lung", new DatasetOpenOptions(PhantomCount: 4, PhantomSize: 32, PhantomSeed: 1));
        Assert.Equal(DatasetCatalog.Fingerprint(a), DatasetCatalog.Fingerprint(b));
        Assert.NotEqual(DatasetCatalog.Fingerprint(a), DatasetCatalog.Fingerprint(c));

        using var folder = new TemporaryFolder();
        DatasetExporter.Export(a, ExportLayout.Folder, folder.Root);
        string before = DatasetCatalog.Fingerprint(DatasetCatalog.Open($"folder:{folder.Root}"));
        Assert.Equal(before, DatasetCatalog.Fingerprint(DatasetCatalog.Open($"folder:{folder.Root}")));
        File.SetLastWriteTimeUtc(Directory.GetFiles(Path.Combine(folder.Root, "images"))[0], DateTime.UtcNow.AddMinutes(5));
        Assert.NotEqual(before, DatasetCatalog.Fingerprint(DatasetCatalog.Open($"folder:{folder.Root}")));
    }
}
