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

    /// <inheritdoc />
    public override string ToString() => $"{Name}={Source}";
}
