using System.Text.Json.Nodes;
using Nlce.Data;
using Nlce.Data.Manifests;
using Nlce.Tests.Data.Fetch;

namespace Nlce.Tests.Data.Manifests;

public sealed class ManifestCatalogTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WriteManifest(string fileName, JsonObject manifest)
    {
        var path = _temp.Combine(fileName);
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }

    private static JsonObject UserManifest(string id)
    {
        var manifest = ManifestFiles.ValidManifest();
        manifest["id"] = id;
        return manifest;
    }

    [Fact]
    public async Task Get_returns_the_manifest_with_that_id()
    {
        var catalog = await ManifestCatalog.LoadEmbeddedAsync();

        Assert.Equal("phantom-lung", catalog.Get("phantom-lung").Id);
        Assert.Equal(catalog.Ids, catalog.All.Select(m => m.Id));
        Assert.Equal(catalog.Ids.Order(StringComparer.Ordinal), catalog.Ids);
        Assert.Equal("embedded data-manifests/montgomery.json", catalog.SourceOf("montgomery"));
        Assert.False(catalog.TryGet("nope", out _));
    }

    [Theory]
    [InlineData("jsrt", "jsrt-scr")]
    [InlineData("JSRT-SCR", "jsrt-scr")]
    [InlineData("isbi2017", "isbi2016")]
    [InlineData("phantom-lungs", "phantom-lung")]
    [InlineData("montgommery", "montgomery")]
    public async Task An_unknown_id_suggests_the_closest_and_lists_all(string asked, string suggested)
    {
        var catalog = await ManifestCatalog.LoadEmbeddedAsync();

        var error = Assert.Throws<ArgumentException>(() => catalog.Get(asked));

        Assert.Equal("id", error.ParamName);
        Assert.Contains($"Unknown dataset '{asked}'.", error.Message);
        Assert.Contains($"Did you mean '{suggested}'", error.Message);
        Assert.Contains($"Known datasets: {string.Join(", ", catalog.Ids)}.", error.Message);
    }

    [Fact]
    public async Task An_unrelated_id_gets_no_suggestion_but_the_list()
    {
        var catalog = await ManifestCatalog.LoadEmbeddedAsync();

        var error = Assert.Throws<ArgumentException>(() => catalog.Get("cityscapes"));

        Assert.DoesNotContain("Did you mean", error.Message);
        Assert.Contains("Known datasets: ", error.Message);
    }

    [Fact]
    public async Task A_folder_of_user_manifests_loads_and_merges_with_the_embedded_ones()
    {
        WriteManifest("my-skin.json", UserManifest("my-skin"));
        File.WriteAllText(_temp.Combine("schema.json"), "{}"); // a copy of the schema beside them is not a manifest

        var user = await ManifestCatalog.LoadFolderAsync(_temp.Root);
        var merged = (await ManifestCatalog.LoadEmbeddedAsync()).Merge(user);

        Assert.Equal(["my-skin"], user.Ids);
        Assert.Equal("my-skin", merged.Get("my-skin").Id);
        Assert.Equal("jsrt-scr", merged.Get("jsrt-scr").Id);
        Assert.Equal(_temp.Combine("my-skin.json"), merged.SourceOf("my-skin"));
    }

    [Fact]
    public async Task A_user_manifest_reusing_an_embedded_id_is_an_error_naming_both()
    {
        var path = WriteManifest("isbi2016.json", UserManifest("isbi2016"));
        var user = await ManifestCatalog.LoadFolderAsync(_temp.Root);
        var embedded = await ManifestCatalog.LoadEmbeddedAsync();

        var error = Assert.Throws<ArgumentException>(() => embedded.Merge(user));

        Assert.Contains("embedded data-manifests/isbi2016.json", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task A_manifest_file_not_named_after_its_id_is_refused()
    {
        var path = WriteManifest("other-name.json", UserManifest("my-skin"));

        var error = await Assert.ThrowsAsync<DataFormatException>(() => ManifestCatalog.LoadFolderAsync(_temp.Root));

        Assert.Equal(path, error.Path);
        Assert.Equal("id", error.Field);
        Assert.Contains("my-skin.json", error.Message);
    }

    [Fact]
    public async Task An_invalid_manifest_in_the_folder_is_named_with_its_path()
    {
        var manifest = UserManifest("my-skin");
        manifest.Remove("splits");
        var path = WriteManifest("my-skin.json", manifest);

        var error = await Assert.ThrowsAsync<DataFormatException>(() => ManifestCatalog.LoadFolderAsync(_temp.Root));

        Assert.Equal(path, error.Path);
        Assert.Equal("$.splits", error.Field);
    }

    [Fact]
    public async Task An_empty_or_missing_folder_is_an_error_naming_it()
    {
        var missing = _temp.Combine("missing");

        var empty = await Assert.ThrowsAsync<DataFormatException>(() => ManifestCatalog.LoadFolderAsync(_temp.Root));
        var absent = await Assert.ThrowsAsync<DataFormatException>(() => ManifestCatalog.LoadFolderAsync(missing));

        Assert.Equal(_temp.Root, empty.Path);
        Assert.Equal(missing, absent.Path);
    }
}
