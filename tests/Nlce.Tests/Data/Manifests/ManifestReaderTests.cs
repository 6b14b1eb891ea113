using System.Text.Json.Nodes;
using Nlce.Data;
using Nlce.Data.Manifests;

namespace Nlce.Tests.Data.Manifests;

/// <summary>Rules across fields, which the schema describes but the validator cannot check, fail when reading.</summary>
public sealed class ManifestReaderTests
{
    private static readonly Lazy<Task<ManifestReader>> Reader = new(() => ManifestReader.CreateAsync());

    private static async Task<DataFormatException> ReadFailureAsync(JsonObject manifest)
    {
        var reader = await Reader.Value;
        return Assert.Throws<DataFormatException>(() => reader.Parse(manifest.ToJsonString(), "bad.json"));
    }

    [Fact]
    public async Task A_valid_manifest_reads_into_typed_values()
    {
        var manifest = (await Reader.Value).Parse(ManifestFiles.ValidManifest().ToJsonString(), "isbi2016.json");

        Assert.Equal("isbi2016", manifest.Id);
        Assert.Equal("ISBI2016_ISIC_Part1_Training_Data.zip", manifest.Sources[0].FileName);
        Assert.Equal(".", manifest.Sources[0].ExtractTo);
        Assert.Null(manifest.Sources[0].Sha256);
        Assert.Equal(new Uri("https://creativecommons.org/publicdomain/zero/1.0/"), manifest.Licence.Url);
        Assert.Null(manifest.Registration);
        Assert.Equal(["train", "test"], manifest.Splits.Keys.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task Registration_required_without_registration_details_is_refused()
    {
        var error = await ReadFailureAsync(ManifestFiles.With("registrationRequired", true));

        Assert.Equal("bad.json", error.Path);
        Assert.Equal("registration", error.Field);
    }

    [Fact]
    public async Task Registration_details_without_registration_required_are_refused()
    {
        var registration = new JsonObject { ["urls"] = new JsonArray("https://example.org/"), ["instructions"] = "Register." };

        var error = await ReadFailureAsync(ManifestFiles.With("registration", registration));

        Assert.Equal("registration", error.Field);
    }

    [Fact]
    public async Task A_phantom_layout_needs_a_generator_and_no_sources()
    {
        var withoutGenerator = await ReadFailureAsync(ManifestFiles.With("layout.kind", "phantom"));
        var withSources = ManifestFiles.With("layout.kind", "phantom");
        withSources["layout"]!["generator"] = new JsonObject { ["count"] = 10, ["size"] = 64, ["seed"] = 1 };
        var phantomWithSources = await ReadFailureAsync(withSources);

        Assert.Equal("generator", withoutGenerator.Field);
        Assert.Contains("phantom", withoutGenerator.Message);
        Assert.Equal("layout", phantomWithSources.Field);
    }

    [Fact]
    public async Task A_generator_on_a_non_phantom_layout_is_refused()
    {
        var error = await ReadFailureAsync(
            ManifestFiles.With("layout.generator", new JsonObject { ["count"] = 10, ["size"] = 64, ["seed"] = 1 }));

        Assert.Equal("generator", error.Field);
    }

    [Fact]
    public async Task A_sha256_on_a_pattern_matching_several_files_is_refused()
    {
        var error = await ReadFailureAsync(ManifestFiles.With("expectedFiles[0].sha256", new string('a', 64)));

        Assert.Equal("sha256", error.Field);
        Assert.Contains("ISBI2016_ISIC_Part1_Training_Data/ISIC_*.jpg", error.Message);
    }

    [Fact]
    public async Task Two_sources_with_the_same_file_name_are_refused()
    {
        var error = await ReadFailureAsync(ManifestFiles.With(
            "sources[1].url", "https://mirror.example.org/2016/ISBI2016_ISIC_Part1_Training_Data.zip"));

        Assert.Equal("sources", error.Field);
        Assert.Contains("ISBI2016_ISIC_Part1_Training_Data.zip", error.Message);
    }

    [Fact]
    public async Task A_source_url_without_a_file_name_is_refused()
    {
        var error = await ReadFailureAsync(ManifestFiles.With("sources[0].url", "https://example.org/data/"));

        Assert.Equal("url", error.Field);
        Assert.Contains("https://example.org/data/", error.Message);
    }

    [Fact]
    public async Task A_missing_manifest_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "nlce-no-such-manifest.json");

        var error = await Assert.ThrowsAsync<DataFormatException>(async () => await (await Reader.Value).ReadFileAsync(path));

        Assert.Equal(path, error.Path);
    }
}
