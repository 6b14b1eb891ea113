using Nlce.Data.Manifests;

namespace Nlce.Tests.Data.Manifests;

/// <summary>Every manifest in data-manifests/ satisfies the schema and loads; the embedded copies match the files.</summary>
public sealed class ManifestSchemaTests
{
    public static TheoryData<string> ManifestFileNames() => new(ManifestFiles.All().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(ManifestFileNames))]
    public async Task Manifest_on_disk_satisfies_the_schema(string fileName)
    {
        var validator = await ManifestValidator.LoadEmbeddedAsync();

        var violations = validator.Validate(File.ReadAllText(Path.Combine(ManifestFiles.Folder, fileName)));

        Assert.Empty(violations);
    }

    [Theory]
    [MemberData(nameof(ManifestFileNames))]
    public async Task Manifest_on_disk_loads_and_is_named_after_its_id(string fileName)
    {
        var reader = await ManifestReader.CreateAsync();

        var manifest = await reader.ReadFileAsync(Path.Combine(ManifestFiles.Folder, fileName));

        Assert.Equal(fileName, manifest.Id + ".json");
    }

    [Theory]
    [MemberData(nameof(ManifestFileNames))]
    public async Task Phantom_split_counts_add_up_to_the_generated_count(string fileName)
    {
        var manifest = await (await ManifestReader.CreateAsync()).ReadFileAsync(Path.Combine(ManifestFiles.Folder, fileName));
        if (manifest.Layout.Generator is { } generator)
            Assert.Equal(generator.Count, manifest.Splits.Values.Sum(s => s.Count));
    }

    [Fact]
    public async Task Embedded_catalog_holds_exactly_the_manifests_on_disk()
    {
        var catalog = await ManifestCatalog.LoadEmbeddedAsync();

        Assert.Equal(ManifestFiles.All().Select(f => Path.GetFileNameWithoutExtension(f)), catalog.Ids);
        Assert.Subset(catalog.Ids.ToHashSet(), new HashSet<string> { "jsrt-scr", "isbi2016", "montgomery", "phantom-lung", "phantom-skin" });
    }

    [Fact]
    public async Task The_embedded_schema_is_the_file_on_disk()
    {
        var onDisk = await ManifestValidator.FromSchemaJsonAsync(File.ReadAllText(Path.Combine(ManifestFiles.Folder, "schema.json")));
        var embedded = await ManifestValidator.LoadEmbeddedAsync();
        var broken = ManifestFiles.With("sources[0].archive", "rar").ToJsonString();

        Assert.Equal(onDisk.Validate(broken), embedded.Validate(broken));
    }

    [Fact]
    public async Task The_real_datasets_state_the_paper_counts()
    {
        var catalog = await ManifestCatalog.LoadEmbeddedAsync();
        var jsrt = catalog.Get("jsrt-scr");
        var isbi = catalog.Get("isbi2016");

        Assert.Equal(247, jsrt.ExpectedFiles.Where(e => e.Pattern.EndsWith(".IMG")).Sum(e => e.Count));
        Assert.Equal((124, 123), (jsrt.Splits["fold1"].Count, jsrt.Splits["fold2"].Count));
        Assert.True(jsrt.RegistrationRequired);
        Assert.Empty(jsrt.Sources);
        Assert.Equal((900, 379), (isbi.Splits["train"].Count, isbi.Splits["test"].Count));
        Assert.Equal(4, isbi.Sources.Count);
        Assert.All(isbi.Sources, s => Assert.Equal(ArchiveKind.Zip, s.Archive));
        Assert.Equal(DatasetLayoutKind.Isbi2016, isbi.Layout.Kind);
    }
}
