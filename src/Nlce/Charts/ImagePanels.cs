using Nlce.Data;

namespace Nlce.Charts;

/// <summary>
/// Conversions that turn the data of a qualitative figure into displayable [0, 1] panels: masks to images,
/// perturbations (adversarial − clean) to a mid-grey-centred image, and downsampling to a panel size budget
/// (REQ-PLOT-4: at most 256² per panel keeps notebooks small).
/// </summary>
public static class ImagePanels
{
    /// <summary>The largest side a figure panel is drawn with.</summary>
    public const int MaxPanelSide = 256;

    /// <summary>A mask as a grey image: 0 → black, 1 → white.</summary>
    public static ImageData FromMask(MaskData mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return new ImageData(mask.Width, mask.Height, 1, mask.Labels.Select(v => (float)v).ToArray());
    }

    /// <summary>
    /// The perturbation <c>adversarial − clean</c> shown around mid-grey and stretched so the largest absolute change
    /// reaches black or white (Fig. 1 and 6 of He et al. 2019 show the perturbation this way, amplified).
    /// </summary>
    public static ImageData Perturbation(ImageData clean, ImageData adversarial)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(adversarial);
        if (clean.Width != adversarial.Width || clean.Height != adversarial.Height || clean.Channels != adversarial.Channels)
            throw new ArgumentException(
                $"adversarial is {adversarial.Width}×{adversarial.Height}×{adversarial.Channels}; expected the clean image's {clean.Width}×{clean.Height}×{clean.Channels}.",
                nameof(adversarial));
        var delta = new float[clean.Pixels.Length];
        var largest = 0f;
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = adversarial.Pixels[i] - clean.Pixels[i];
            largest = Math.Max(largest, Math.Abs(delta[i]));
        }
        var scale = largest > 0 ? 0.5f / largest : 0f;
        for (var i = 0; i < delta.Length; i++)
            delta[i] = 0.5f + delta[i] * scale;
        return new ImageData(clean.Width, clean.Height, clean.Channels, delta);
    }

    /// <summary>Box-downsamples <paramref name="image"/> so neither side exceeds <paramref name="maxSide"/>.</summary>
    public static ImageData FitWithin(ImageData image, int maxSide = MaxPanelSide)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        var factor = (int)Math.Ceiling(Math.Max(image.Width, image.Height) / (double)maxSide);
        if (factor <= 1)
            return image;
        var width = (image.Width + factor - 1) / factor;
        var height = (image.Height + factor - 1) / factor;
        var pixels = new float[width * height * image.Channels];
        for (var c = 0; c < image.Channels; c++)
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var sum = 0f;
            var count = 0;
            for (var dy = 0; dy < factor && y * factor + dy < image.Height; dy++)
            for (var dx = 0; dx < factor && x * factor + dx < image.Width; dx++)
            {
                sum += image[c, y * factor + dy, x * factor + dx];
                count++;
            }
            pixels[(c * height + y) * width + x] = sum / count;
        }
        return new ImageData(width, height, image.Channels, pixels);
    }
}
