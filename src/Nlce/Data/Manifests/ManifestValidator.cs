using System.Text.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Nlce.Data.Manifests;

/// <summary>
/// Checks manifest JSON text against <c>data-manifests/schema.json</c> (JSON Schema draft-07, validated with NJsonSchema)
/// and reports every violation with its JSONPath. Before the schema, the text must be strict JSON (RFC 8259: no
/// comments, no trailing commas) without duplicate property names, because the schema validator would silently keep
/// only the last of two equal names. Cross-field rules are checked later, by the <see cref="DatasetManifest"/>
/// constructor (see <see cref="ManifestReader"/>).
/// </summary>
public sealed class ManifestValidator
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private readonly JsonSchema _schema;

    private ManifestValidator(JsonSchema schema) => _schema = schema;

    /// <summary>Loads the schema embedded in the Nlce assembly.</summary>
    public static async Task<ManifestValidator> LoadEmbeddedAsync(CancellationToken cancellationToken = default)
    {
        var schemaJson = await EmbeddedManifests.ReadAsync(EmbeddedManifests.SchemaFileName, cancellationToken);
        return await FromSchemaJsonAsync(schemaJson, cancellationToken);
    }

    /// <summary>Uses the given JSON Schema text instead of the embedded one.</summary>
    public static async Task<ManifestValidator> FromSchemaJsonAsync(string schemaJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);
        return new ManifestValidator(await JsonSchema.FromJsonAsync(schemaJson, cancellationToken));
    }

    /// <summary>All violations of <paramref name="json"/>; empty when the manifest satisfies the schema.</summary>
    public IReadOnlyList<ManifestViolation> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, StrictJson);
        }
        catch (JsonException ex)
        {
            return [new ManifestViolation(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path, SyntaxProblem(ex))];
        }

        var violations = new List<ManifestViolation>();
        foreach (var error in _schema.Validate(json))
            Flatten(error, violations);
        return violations;
    }

    /// <summary>
    /// Throws <see cref="DataFormatException"/> naming <paramref name="sourceName"/> and listing every violation when
    /// <paramref name="json"/> breaks the schema.
    /// </summary>
    public void EnsureValid(string json, string sourceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var violations = Validate(json);
        if (violations.Count == 1)
            throw new DataFormatException(sourceName, violations[0].Problem, violations[0].JsonPath);
        if (violations.Count > 1)
            throw new DataFormatException(
                sourceName,
                $"{violations.Count} violations of the manifest schema:" + string.Concat(violations.Select(v => $"\n  {v}")));
    }

    /// <summary>System.Text.Json counts lines from 0 and appends them to its message; restate them from 1.</summary>
    private static string SyntaxProblem(JsonException ex)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
            message = message[..suffix];
        return ex.LineNumber is { } line
            ? $"not valid JSON (line {line + 1}, byte {ex.BytePositionInLine + 1}): {message}"
            : $"not valid JSON: {message}";
    }

    private static void Flatten(ValidationError error, List<ManifestViolation> into)
    {
        switch (error)
        {
            case MultiTypeValidationError multi:
                // The value has several allowed types: report the errors of the branch whose type the value has.
                var branch = multi.Errors.FirstOrDefault(b => TypeMatches(b.Key, error.Token));
                if (branch.Value is null)
                    into.Add(new ManifestViolation(JsonPathOf(error), $"expected {string.Join(" or ", multi.Errors.Keys.Select(TypeName).Order(StringComparer.Ordinal))}, found {Describe(error.Token)}"));
                else
                    foreach (var child in branch.Value)
                        Flatten(child, into);
                break;
            case ChildSchemaValidationError nested:
                foreach (var child in nested.Errors.Values.SelectMany(e => e))
                    Flatten(child, into);
                break;
            default:
                into.Add(new ManifestViolation(JsonPathOf(error), Explain(error)));
                break;
        }
    }

    private static string Explain(ValidationError error)
    {
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"required field '{error.Property}' is missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => UnknownField(error),
            ValidationErrorKind.PatternMismatch => $"{Describe(error.Token)} does not match the pattern {schema?.Pattern}",
            ValidationErrorKind.NotInEnumeration =>
                $"{Describe(error.Token)} is not one of {string.Join(", ", schema?.Enumeration.Select(v => $"'{v}'") ?? [])}",
            ValidationErrorKind.NumberTooSmall => $"{Describe(error.Token)} is below the minimum {schema?.Minimum}",
            ValidationErrorKind.NumberTooBig => $"{Describe(error.Token)} is above the maximum {schema?.Maximum}",
            ValidationErrorKind.StringTooShort => $"text must have at least {schema?.MinLength} character(s)",
            ValidationErrorKind.TooFewItems => $"needs at least {schema?.MinItems} item(s)",
            ValidationErrorKind.TooFewProperties => $"needs at least {schema?.MinProperties} entr{(schema?.MinProperties == 1 ? "y" : "ies")}",
            ValidationErrorKind.ItemsNotUnique => "items must be unique",
            ValidationErrorKind.StringExpected => $"expected text, found {Describe(error.Token)}",
            ValidationErrorKind.IntegerExpected => $"expected a whole number, found {Describe(error.Token)}",
            ValidationErrorKind.NumberExpected => $"expected a number, found {Describe(error.Token)}",
            ValidationErrorKind.BooleanExpected => $"expected true or false, found {Describe(error.Token)}",
            ValidationErrorKind.ArrayExpected => $"expected an array, found {Describe(error.Token)}",
            ValidationErrorKind.ObjectExpected => $"expected an object, found {Describe(error.Token)}",
            ValidationErrorKind.NullExpected => $"expected null, found {Describe(error.Token)}",
            _ => $"violates the schema rule {error.Kind}",
        };
    }

    private static string UnknownField(ValidationError error)
    {
        var name = error.Property ?? "?";
        var allowed = error.Schema?.Properties.Keys.ToArray() ?? [];
        if (allowed.Length == 0 && error.Schema?.PatternProperties.Count > 0)
            return $"name '{name}' does not match the pattern {string.Join(" or ", error.Schema.PatternProperties.Keys)}";
        return $"unknown field '{name}'.{NameSuggestions.DidYouMean(name, allowed)} Allowed here: {string.Join(", ", allowed)}";
    }

    /// <summary>NJsonSchema paths look like <c>#/sources[0].url</c>; report them as JSONPath <c>$.sources[0].url</c>.</summary>
    private static string JsonPathOf(ValidationError error)
    {
        var path = error.Path ?? "#";
        return path is "#" or "#/" ? "$" : "$." + path.TrimStart('#', '/');
    }

    private static bool TypeMatches(JsonObjectType type, JToken? token) => token?.Type switch
    {
        JTokenType.String => type.HasFlag(JsonObjectType.String),
        JTokenType.Integer => type.HasFlag(JsonObjectType.Integer) || type.HasFlag(JsonObjectType.Number),
        JTokenType.Float => type.HasFlag(JsonObjectType.Number),
        JTokenType.Boolean => type.HasFlag(JsonObjectType.Boolean),
        JTokenType.Null => type.HasFlag(JsonObjectType.Null),
        JTokenType.Object => type.HasFlag(JsonObjectType.Object),
        JTokenType.Array => type.HasFlag(JsonObjectType.Array),
        _ => false,
    };

    private static string TypeName(JsonObjectType type) => type.ToString().ToLowerInvariant();

    private static string Describe(JToken? token)
    {
        if (token is null)
            return "nothing";
        var text = token.ToString(Newtonsoft.Json.Formatting.None);
        if (text.Length > 80)
            text = text[..77] + "...";
        return token.Type switch
        {
            JTokenType.Object => "an object",
            JTokenType.Array => "an array",
            JTokenType.Null => "null",
            _ => $"value {text}",
        };
    }
}
