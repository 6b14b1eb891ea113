using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nlce.Evaluation.Results;

/// <summary>
/// The first field in which two run configurations (the <c>runs.config_json</c> of a <see cref="ResultsStore"/>) differ, as a
/// path such as <c>models[1].weightsSha256</c> with both values, for error messages that say exactly what does not match.
/// </summary>
/// <param name="Field">Path of the field from the configuration's root; <c>(root)</c> when the documents differ as a whole.</param>
/// <param name="First">The field's JSON in the first configuration, or <c>(absent)</c>.</param>
/// <param name="Second">The field's JSON in the second configuration, or <c>(absent)</c>.</param>
public sealed record ConfigurationDifference(string Field, string First, string Second)
{
    private const string Absent = "(absent)";

    /// <summary>
    /// The first difference between <paramref name="first"/> and <paramref name="second"/> in document order, skipping the fields
    /// at <paramref name="ignoredFields"/> (paths as in <see cref="Field"/>, e.g. <c>shard</c>, <c>images.description</c>); null
    /// when they are equal apart from those.
    /// </summary>
    /// <exception cref="JsonException">Either text is not JSON.</exception>
    public static ConfigurationDifference? Find(string first, string second, IReadOnlySet<string> ignoredFields)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(ignoredFields);
        return Compare("", JsonNode.Parse(first), JsonNode.Parse(second), ignoredFields);
    }

    private static ConfigurationDifference? Compare(string path, JsonNode? a, JsonNode? b, IReadOnlySet<string> ignored)
    {
        if (ignored.Contains(path))
            return null;
        if (a is JsonObject objectA && b is JsonObject objectB)
        {
            foreach (string name in objectA.Select(p => p.Key).Concat(objectB.Select(p => p.Key)).Distinct(StringComparer.Ordinal))
            {
                string field = path.Length == 0 ? name : $"{path}.{name}";
                bool inA = objectA.TryGetPropertyValue(name, out var valueA), inB = objectB.TryGetPropertyValue(name, out var valueB);
                if (inA != inB && !ignored.Contains(field))
                    return new ConfigurationDifference(field, inA ? Text(valueA) : Absent, inB ? Text(valueB) : Absent);
                if (Compare(field, valueA, valueB, ignored) is { } difference)
                    return difference;
            }
            return null;
        }
        if (a is JsonArray arrayA && b is JsonArray arrayB)
        {
            for (int i = 0; i < Math.Max(arrayA.Count, arrayB.Count); i++)
            {
                string field = $"{path}[{i}]";
                if (i >= arrayA.Count || i >= arrayB.Count)
                    return new ConfigurationDifference(field, i < arrayA.Count ? Text(arrayA[i]) : Absent, i < arrayB.Count ? Text(arrayB[i]) : Absent);
                if (Compare(field, arrayA[i], arrayB[i], ignored) is { } difference)
                    return difference;
            }
            return null;
        }
        return JsonNode.DeepEquals(a, b) ? null : new ConfigurationDifference(path.Length == 0 ? "(root)" : path, Text(a), Text(b));
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
