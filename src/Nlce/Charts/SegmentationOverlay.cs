using Nlce.Data;

namespace Nlce.Charts;

/// <summary>
/// An image with a predicted mask tinted over it and, optionally, the ground truth outlined: the overlay view of the
/// qualitative figures (He et al. 2019, Fig. 1 and 6). Shown in notebooks as an <c>image/png</c>.
/// </summary>
public sealed record SegmentationOverlay
{
    public SegmentationOverlay(ImageData image, MaskData prediction, MaskData? groundTruth = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(prediction);
        RequireSameSize(image, prediction, nameof(prediction));
        if (groundTruth is not null)
            RequireSameSize(image, groundTruth, nameof(groundTruth));
        Image = image;
        Prediction = prediction;
        GroundTruth = groundTruth;
    }

    public ImageData Image { get; }
    public MaskData Prediction { get; }
    public MaskData? GroundTruth { get; }

    /// <summary>Draws the overlay: prediction in translucent red, ground-truth boundary in green.</summary>
    public RgbCanvas Render()
    {
        var canvas = new RgbCanvas(Image.Width, Image.Height);
        canvas.Draw(Image, 0, 0);
        for (var y = 0; y < Image.Height; y++)
        for (var x = 0; x < Image.Width; x++)
        {
            if (Prediction[y, x] == 1)
                canvas.Blend(x, y, 230, 40, 40, 0.45);
            if (GroundTruth is not null && IsBoundary(GroundTruth, x, y))
                canvas.Set(x, y, 40, 220, 60);
        }
        return canvas;
    }

    /// <summary>The overlay as PNG bytes.</summary>
    public byte[] ToPng() => Render().ToPng();

    private static bool IsBoundary(MaskData mask, int x, int y)
    {
        if (mask[y, x] == 0)
            return false;
        return x == 0 || y == 0 || x == mask.Width - 1 || y == mask.Height - 1
               || mask[y, x - 1] == 0 || mask[y, x + 1] == 0 || mask[y - 1, x] == 0 || mask[y + 1, x] == 0;
    }

    private static void RequireSameSize(ImageData image, MaskData mask, string name)
    {
        if (mask.Width != image.Width || mask.Height != image.Height)
            throw new ArgumentException($"{name} is {mask.Width}×{mask.Height}; expected the image's {image.Width}×{image.Height}.", name);
    }
}
