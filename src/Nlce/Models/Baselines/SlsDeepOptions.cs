namespace Nlce.Models.Baselines;

/// <summary>Hyperparameters of <see cref="SlsDeep"/>.</summary>
/// <param name="Width">
/// Stem channels of the dilated ResNet-50 encoder (64 in ResNet-50, the default); the encoder outputs 32·Width channels
/// (2048), the pyramid pooling 8·Width (512), the refining convolution 2·Width (128). ≥ 1.
/// </param>
/// <param name="Dropout">Dropout probability before the classifier; in [0, 1). Default 0.5 (as the public SLSDeep code).</param>
public sealed record SlsDeepOptions(int Width = 64, double Dropout = 0.5)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public SlsDeepOptions Validate()
    {
        if (Width < 1)
            throw new ArgumentOutOfRangeException(nameof(Width), Width, "Width must be ≥ 1.");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
        return this;
    }
}
