using System.Text.Json;
using System.Text.Json.Nodes;
using Nlce.Data;
using Nlce.Training.Checkpoints;

namespace Nlce.Training.Defenses;

/// <summary>JSON conversions of objective settings and states, with the checkpoint sidecar's serializer settings.</summary>
internal static class ObjectiveJson
{
    /// <summary>A settings record as a JSON object (enums as names).</summary>
    public static JsonObject Settings<T>(T settings) where T : class =>
        JsonSerializer.SerializeToNode(settings, CheckpointStore.Json)?.AsObject()
        ?? throw new InvalidOperationException($"{typeof(T).Name} serialised to null.");

    /// <summary>A state record as JSON.</summary>
    public static JsonNode State<T>(T state) where T : class =>
        JsonSerializer.SerializeToNode(state, CheckpointStore.Json) ?? throw new InvalidOperationException($"{typeof(T).Name} serialised to null.");

    /// <summary>
    /// Reads the state of <paramref name="resumed"/>, which must be a record of objective <paramref name="name"/>; a missing or
    /// malformed state is a <see cref="DataFormatException"/> naming <paramref name="source"/> and the field <c>Objective.State</c>.
    /// </summary>
    public static T ReadState<T>(TrainingObjectiveRecord resumed, string name, string? source) where T : class
    {
        string file = source ?? "the resumed checkpoint";
        if (resumed.Name != name)
            throw new DataFormatException(file, $"was written by objective '{resumed.Name}', not '{name}'.", "Objective.Name");
        if (resumed.State is null)
            throw new DataFormatException(file, $"holds no state for objective '{name}'; expected a {typeof(T).Name} object.", "Objective.State");
        try
        {
            return resumed.State.Deserialize<T>(CheckpointStore.Json)
                ?? throw new DataFormatException(file, $"is null; expected a {typeof(T).Name} object.", "Objective.State");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(file, $"is not a valid {typeof(T).Name}: {e.Message}", "Objective.State", e);
        }
    }
}
