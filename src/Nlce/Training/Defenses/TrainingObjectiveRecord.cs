using System.Text.Json.Nodes;

namespace Nlce.Training.Defenses;

/// <summary>
/// The part of a checkpoint sidecar that belongs to a <see cref="ITrainingObjective"/>: which objective trained the model,
/// with which settings, and its state after the checkpoint's last epoch (null for stateless objectives).
/// </summary>
/// <param name="Name">The objective's <see cref="ITrainingObjective.Name"/>.</param>
/// <param name="Settings">The objective's <see cref="ITrainingObjective.Settings"/>.</param>
/// <param name="State">The objective's state (e.g. AMAT's margins), or null.</param>
public sealed record TrainingObjectiveRecord(string Name, JsonObject Settings, JsonNode? State)
{
    /// <summary>
    /// The differences between this record's objective and <paramref name="other"/>'s as "field: this vs other" (empty when
    /// the name and every setting agree). The state is not compared: it is what a resume continues from.
    /// </summary>
    public IReadOnlyList<string> Differences(TrainingObjectiveRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Name != other.Name)
            return [$"objective: {Name} vs {other.Name}"];
        return Settings.Select(p => p.Key).Union(other.Settings.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(Settings[key], other.Settings[key]))
            .Select(key => $"{Name}.{key}: {Text(Settings[key])} vs {Text(other.Settings[key])}")
            .ToList();
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "(absent)";
}
