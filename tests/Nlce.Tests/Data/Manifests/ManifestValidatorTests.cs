using System.Text.Json.Nodes;
using Nlce.Data;
using Nlce.Data.Manifests;

namespace Nlce.Tests.Data.Manifests;

public sealed class ManifestValidatorTests
{
    private static readonly Lazy<Task<ManifestValidator>> Validator = new(() => ManifestValidator.LoadEmbeddedAsync());

    private static async Task<IReadOnlyList<ManifestViolation>> ValidateAsync(JsonNode manifest) =>
        (await Validator.Value).Validate(manifest.ToJsonString());

    [Theory]
    [InlineData("id")]
    [InlineData("title")]
    [InlineData("citation")]
    [InlineData("licence")]
    [InlineData("registrationRequired")]
    [InlineData("sources")]
    [InlineData("expectedFiles")]
    [InlineData("layout")]
    [InlineData("splits")]
    [InlineData("preprocessing")]
    [InlineData("licence.name")]
    [InlineData("licence.terms")]
    [InlineData("licence.url")]
    [InlineData("sources[0].url")]
    [InlineData("sources[0].description")]
    [InlineData("sources[0].archive")]
    [InlineData("expectedFiles[1].pattern")]
    [InlineData("expectedFiles[1].count")]
    [InlineData("expectedFiles[1].description")]
    [InlineData("layout.kind")]
    [InlineData("layout.description")]
    [InlineData("splits.test.count")]
    [InlineData("splits.test.rule")]
    public async Task A_missing_required_field_is_named_with_its_path(string path)
    {
        var violation = Assert.Single(await ValidateAsync(ManifestFiles.Without(path)));

        Assert.Equal("$." + path, violation.JsonPath);
        Assert.Contains($"required field '{ManifestFiles.Split(path).Field}' is missing", violation.Problem);
    }

    [Theory]
    [InlineData("", "licnce", "licence")]
    [InlineData("", "note", "notes")]
    [InlineData("", "registrationrequired", "registrationRequired")]
    [InlineData("licence", "urls", "url")]
    [InlineData("sources[2]", "sha265", "sha256")]
    [InlineData("sources[0]", "extractto", "extractTo")]
    [InlineData("expectedFiles[0]", "sizebytes", "sizeBytes")]
    [InlineData("layout", "generater", "generator")]
    public async Task A_misspelt_extra_field_is_named_with_a_suggestion(string parent, string misspelt, string meant)
    {
        var path = parent.Length == 0 ? misspelt : $"{parent}.{misspelt}";

        var violation = Assert.Single(await ValidateAsync(ManifestFiles.With(path, "x")));

        Assert.Equal("$." + path, violation.JsonPath);
        Assert.Contains($"unknown field '{misspelt}'", violation.Problem);
        Assert.Contains($"Did you mean '{meant}'?", violation.Problem);
    }

    public static TheoryData<string, JsonNode?, string> BadValues() => new()
    {
        { "id", JsonValue.Create("ISBI_2016"), "does not match the pattern" },
        { "id", JsonValue.Create(2016), "expected text, found value 2016" },
        { "registrationRequired", JsonValue.Create("yes"), "expected true or false" },
        { "licence.url", JsonValue.Create(5), "expected null or string, found value 5" },
        { "licence.url", JsonValue.Create("www.example.org"), "does not match the pattern" },
        { "citation", new JsonArray(), "needs at least 1 item" },
        { "sources[0].url", JsonValue.Create("ftp://example.org/a.zip"), "does not match the pattern" },
        { "sources[0].archive", JsonValue.Create("rar"), "is not one of 'zip', 'none'" },
        { "sources[0].sha256", JsonValue.Create(new string('A', 64)), "does not match the pattern" },
        { "sources[0].sizeBytes", JsonValue.Create(0), "below the minimum 1" },
        { "sources[0].extractTo", JsonValue.Create("../outside"), "does not match the pattern" },
        { "sources[0].extractTo", JsonValue.Create("/absolute"), "does not match the pattern" },
        { "expectedFiles[0].count", JsonValue.Create(-1), "below the minimum 1" },
        { "expectedFiles[0].count", JsonValue.Create(1.5), "expected a whole number" },
        { "layout.kind", JsonValue.Create("dicom"), "is not one of 'jsrt', 'isbi2016', 'folder', 'nifti', 'phantom'" },
        { "layout.generator", new JsonObject { ["count"] = 10, ["size"] = 8, ["seed"] = 0 }, "below the minimum 32" },
        { "splits", new JsonObject(), "needs at least 1 entry" },
        { "preprocessing", JsonValue.Create(""), "at least 1 character" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_reported_at_its_path(string path, JsonNode? value, string expectedProblem)
    {
        var violations = await ValidateAsync(ManifestFiles.With(path, value));

        var violation = Assert.Single(violations);
        Assert.StartsWith("$." + path, violation.JsonPath);
        Assert.Contains(expectedProblem, violation.Problem);
    }

    [Fact]
    public async Task A_split_name_that_is_not_lowercase_dash_words_is_reported()
    {
        var manifest = ManifestFiles.ValidManifest();
        manifest["splits"]!["Train_Set"] = new JsonObject { ["count"] = 1, ["rule"] = "x" };

        var violation = Assert.Single(await ValidateAsync(manifest));

        Assert.Equal("$.splits.Train_Set", violation.JsonPath);
        Assert.Contains("does not match the pattern", violation.Problem);
    }

    [Fact]
    public async Task Every_violation_is_listed_in_one_error_naming_the_file()
    {
        var manifest = ManifestFiles.Without("title");
        manifest["sources"]![1]!["archive"] = "rar";
        manifest["licnce"] = "x";

        var validator = await Validator.Value;

        var error = Assert.Throws<DataFormatException>(() => validator.EnsureValid(manifest.ToJsonString(), "my/isbi2016.json"));

        Assert.Equal("my/isbi2016.json", error.Path);
        Assert.StartsWith("my/isbi2016.json: 3 violations", error.Message);
        Assert.Contains("$.title: required field 'title' is missing", error.Message);
        Assert.Contains("$.sources[1].archive: value \"rar\" is not one of", error.Message);
        Assert.Contains("$.licnce: unknown field 'licnce'", error.Message);
    }

    [Fact]
    public async Task A_single_violation_becomes_the_error_field()
    {
        var json = ManifestFiles.Without("licence.terms").ToJsonString();
        var validator = await Validator.Value;

        var error = Assert.Throws<DataFormatException>(() => validator.EnsureValid(json, "x.json"));

        Assert.Equal("$.licence.terms", error.Field);
        Assert.Equal("x.json: $.licence.terms: required field 'terms' is missing", error.Message);
    }

    [Theory]
    [InlineData("""{"id": "a", "id": "b"}""", "Duplicate")]
    [InlineData("""{"id": "a",}""", "not valid JSON")]
    [InlineData("{\"id\": \"a\" /* comment */}", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task Text_that_is_not_strict_json_is_reported_before_the_schema(string json, string expected)
    {
        var violation = Assert.Single((await Validator.Value).Validate(json));

        Assert.Contains(expected, violation.Problem);
    }
}
