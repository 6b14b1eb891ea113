using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nlce.Data.Manifests;

/// <summary>
/// Turns manifest JSON into a <see cref="DatasetManifest"/>: first the schema check (<see cref="ManifestValidator"/>,
/// every violation listed), then deserialisation, whose constructors enforce the cross-field rules. Every failure is a
/// <see cref="DataFormatException"/> naming the manifest file and the field.
/// </summary>
public sealed class ManifestReader
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private readonly ManifestValidator _validator;

    public ManifestReader(ManifestValidator validator) => _validator = validator ?? throw new ArgumentNullException(nameof(validator));

    /// <summary>A reader that validates against the schema embedded in the Nlce assembly.</summary>
    public static async Task<ManifestReader> CreateAsync(CancellationToken cancellationToken = default) =>
        new(await ManifestValidator.LoadEmbeddedAsync(cancellationToken));

    /// <summary>Parses <paramref name="json"/>; <paramref name="sourceName"/> (a path or resource name) appears in errors.</summary>
    public DatasetManifest Parse(string json, string sourceName)
    {
        _validator.EnsureValid(json, sourceName);
        try
        {
            return JsonSerializer.Deserialize<DatasetManifest>(json, Options)
                   ?? throw new DataFormatException(sourceName, "expected a manifest object, found null");
        }
        catch (ArgumentException ex)
        {
            throw new DataFormatException(sourceName, ex.Message, ex.ParamName, ex);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException(sourceName, ex.Message, ex.Path, ex);
        }
    }

    /// <summary>Reads and parses a manifest file.</summary>
    public async Task<DatasetManifest> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new DataFormatException(path, "manifest file does not exist");
        return Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
