namespace Nlce.Models;

/// <summary>One row of the <see cref="ModelRegistry"/>: a name, what it builds, and how.</summary>
/// <param name="Name">Registry name, lower case, e.g. <c>nlcen-r18</c>, <c>unet+nlce</c>.</param>
/// <param name="Description">One line for <c>nlce models</c>: architecture, paper, intended data.</param>
/// <param name="Factory">Builds the model from a configuration whose <see cref="ModelConfig.Name"/> is <paramref name="Name"/>.</param>
public sealed record ModelEntry(string Name, string Description, Func<ModelConfig, SegmentationModel> Factory)
{
    /// <summary>Throws when a field is missing or the name is not lower case without spaces.</summary>
    /// <exception cref="ArgumentException">A field is empty or the name is malformed.</exception>
    public ModelEntry Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentException.ThrowIfNullOrWhiteSpace(Description, nameof(Description));
        ArgumentNullException.ThrowIfNull(Factory, nameof(Factory));
        if (Name != Name.ToLowerInvariant() || Name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"Model name '{Name}' must be lower case without white space.", nameof(Name));
        return this;
    }
}
