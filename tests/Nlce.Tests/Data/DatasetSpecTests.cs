using Nlce.Data;

namespace Nlce.Tests.Data;

public sealed class DatasetSpecTests
{
    public static TheoryData<string, DatasetKind, string?, string?, string> Valid => new()
    {
        // text, kind, id, path, canonical text
        { "phantom-lung", DatasetKind.ManifestId, "phantom-lung", null, "phantom-lung" },
        { "isbi2016", DatasetKind.ManifestId, "isbi2016", null, "isbi2016" },
        { "jsrt-scr", DatasetKind.ManifestId, "jsrt-scr", null, "jsrt-scr" },
        { "jsrt:/data/jsrt", DatasetKind.Jsrt, null, "/data/jsrt", "jsrt:/data/jsrt" },
        { "JSRT:/data/jsrt", DatasetKind.Jsrt, null, "/data/jsrt", "jsrt:/data/jsrt" },
        { "isbi2016:relative/isic", DatasetKind.Isbi2016, null, "relative/isic", "isbi2016:relative/isic" },
        { "Folder:/d/my images", DatasetKind.Folder, null, "/d/my images", "folder:/d/my images" },
        { "nifti:/d/a:b", DatasetKind.Nifti, null, "/d/a:b", "nifti:/d/a:b" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_reads_ids_and_kind_path_pairs(string text, DatasetKind kind, string? id, string? path, string canonical)
    {
        var spec = DatasetSpec.Parse(text);

        Assert.Equal(kind, spec.Kind);
        Assert.Equal(id, spec.Id);
        Assert.Equal(path, spec.Path);
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, DatasetSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("folde:/x", "folder")]
    [InlineData("nifty:/x", "nifti")]
    [InlineData("isbi:/x", "isbi2016")]
    [InlineData("jsr:/x", "jsrt")]
    [InlineData("jsrt-scr:/x", "jsrt")]
    [InlineData("nfti:/x", "nifti")]
    public void Unknown_kind_suggests_the_nearest_and_lists_all(string text, string suggestion)
    {
        var error = Assert.Throws<ArgumentException>("text", () => DatasetSpec.Parse(text));

        Assert.Contains($"Did you mean '{suggestion}'?", error.Message);
        Assert.Contains("jsrt, isbi2016, folder, nifti", error.Message);
    }

    [Fact]
    public void Unknown_kind_far_from_all_gets_no_suggestion()
    {
        var error = Assert.Throws<ArgumentException>("text", () => DatasetSpec.Parse("dicom:/x"));
        Assert.DoesNotContain("Did you mean", error.Message);
        Assert.Contains("unknown dataset kind 'dicom'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Phantom-Lung")]
    [InlineData("phantom_lung")]
    [InlineData("-lung")]
    [InlineData("lung-")]
    [InlineData("phantom--lung")]
    [InlineData("/data/images")]
    [InlineData("folder:")]
    public void Malformed_specs_are_rejected(string text)
    {
        var error = Assert.Throws<ArgumentException>("text", () => DatasetSpec.Parse(text));
        Assert.Contains("folder", error.Message); // every message tells how to write a path spec
    }

    [Fact]
    public void Factories_build_the_same_specs_as_parse()
    {
        Assert.Equal(DatasetSpec.Parse("folder:/x"), DatasetSpec.ForPath(DatasetKind.Folder, "/x"));
        Assert.Equal(DatasetSpec.Parse("phantom-skin"), DatasetSpec.ForManifest("phantom-skin"));
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => DatasetSpec.ForPath(DatasetKind.ManifestId, "/x"));
        Assert.Throws<ArgumentException>("id", () => DatasetSpec.ForManifest("Not An Id"));
        Assert.Throws<ArgumentNullException>(() => DatasetSpec.Parse(null!));
    }
}
