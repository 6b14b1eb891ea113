using System.Text.Json.Nodes;
using NJsonSchema;

namespace Nlce.Notebooks.Tests.Running;

/// <summary>
/// Validates notebook JSON against the nbformat 4.5 schema shipped with the tests. NJsonSchema resolves references
/// only to schemas, and nbformat groups some definitions under a plain object (<c>definitions/misc/…</c>), so those
/// are lifted to top-level definitions (<c>definitions/misc_…</c>) and their references renamed before loading; the
/// constraints themselves are unchanged.
/// </summary>
public static class NbformatSchema
{
    private static readonly Lazy<JsonSchema> schema = new(Load);

    /// <summary>The validation errors (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(string notebookJson) =>
        schema.Value.Validate(notebookJson).Select(e => $"{e.Path}: {e.Kind}").ToList();

    private static JsonSchema Load()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "nbformat.v4.5.schema.json"));
        var root = JsonNode.Parse(text)!.AsObject();
        var definitions = root["definitions"]!.AsObject();
        var misc = definitions["misc"]!.AsObject();
        definitions.Remove("misc");
        foreach (var (name, value) in misc.ToList())
        {
            misc.Remove(name);
            definitions["misc_" + name] = value;
        }
        var flattened = root.ToJsonString().Replace("#/definitions/misc/", "#/definitions/misc_", StringComparison.Ordinal);
        return JsonSchema.FromJsonAsync(flattened).GetAwaiter().GetResult();
    }
}
