namespace Nlce.Evaluation.Sweep;

/// <summary>
/// A trained model named on the command line or in a sweep file as <c>name=path</c>: <paramref name="Name"/> is the model's name in
/// result keys (and, for a weights file, its <see cref="Models.ModelRegistry"/> architecture), <paramref name="Source"/> a TorchSharp
/// weights file or a checkpoint folder (see <see cref="ModelLoader"/>).
/// </summary>
/// <param name="Name">Name in result keys.</param>
/// <param name="Source">Weights file or checkpoint folder.</param>
public sealed record ModelReference(string Name, string Source)
{
    /// <summary>Reads <c>name=path</c>.</summary>
    /// <exception cref="ArgumentException">No <c>=</c>, or an empty name or path.</exception>
    public static ModelReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1 || string.IsNullOrWhiteSpace(text[..equals]) || string.IsNullOrWhiteSpace(text[(equals + 1)..]))
            throw new ArgumentException(
                $"model '{text}': expected name=path, e.g. unet=runs/unet/weights.bin (a registry name and its weights file) or name=checkpoint-folder.",
                nameof(text));
        return new ModelReference(text[..equals].Trim(), text[(equals + 1)..].Trim());
    }

    /// <summary>
    /// The model named by the command-line options <c>--checkpoint</c> (called <paramref name="model"/> when given, else after its
    /// folder) or <c>--model</c> with <c>--weights</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Both a checkpoint and weights, or neither a checkpoint nor a model with its weights.</exception>
    public static ModelReference FromOptions(string? model, string? weights, string? checkpoint)
    {
        if (checkpoint is not null)
        {
            if (weights is not null)
                throw new ArgumentException("give either --checkpoint or --weights, not both.");
            return new ModelReference(model ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpoint))), checkpoint);
        }
        if (model is null || weights is null)
            throw new ArgumentException("give --checkpoint <folder>, or --model <name> and --weights <file> (the trained weights of that registered model).");
        return new ModelReference(model, weights);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}={Source}";
}
