using Nlce.Charts;
using Nlce.Data;

namespace Nlce.Workbench;

/// <summary>
/// Nearest-neighbour enlargement of figure panels for display. The smoke and quick profiles work at 32² and 64², which a
/// notebook would show as thumbnails; each pixel becomes a <c>factor</c> × <c>factor</c> block so the panels are readable and
/// every original pixel stays visible as it is (nothing is interpolated). Only for showing: scores are always computed at
/// the working resolution.
/// </summary>
public static class DisplaySize
{
    /// <summary>The side panels are enlarged to at least (unless they already are larger).</summary>
    public const int TargetSide = 192;

    /// <summary>The whole-number factor that brings a <paramref name="side"/>-pixel panel to at least <see cref="TargetSide"/> pixels (1 when it is already).</summary>
    public static int FactorFor(int side)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        return Math.Max(1, (TargetSide + side - 1) / side);
    }

    /// <summary><paramref name="image"/> with every pixel repeated <paramref name="factor"/> times in both directions.</summary>
    public static ImageData Enlarge(ImageData image, int factor)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1)
            return image;
        int width = image.Width * factor, height = image.Height * factor;
        var pixels = new float[width * height * image.Channels];
        for (int c = 0; c < image.Channels; c++)
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            pixels[(c * height + y) * width + x] = image[c, y / factor, x / factor];
        return new ImageData(width, height, image.Channels, pixels);
    }

    /// <summary><paramref name="mask"/> with every label repeated <paramref name="factor"/> times in both directions.</summary>
    public static MaskData Enlarge(MaskData mask, int factor)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1)
            return mask;
        int width = mask.Width * factor, height = mask.Height * factor;
        var labels = new byte[width * height];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            labels[y * width + x] = mask[y / factor, x / factor];
        return new MaskData(width, height, labels);
    }

    /// <summary>Every image and mask of <paramref name="example"/> enlarged to at least <see cref="TargetSide"/> pixels.</summary>
    public static QualitativeExample Enlarge(QualitativeExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        int factor = FactorFor(Math.Max(example.Input.Width, example.Input.Height));
        return new QualitativeExample(example.Model, Enlarge(example.Input, factor), Enlarge(example.AdversarialInput, factor),
            Enlarge(example.PredictionOnAdversarial, factor), Enlarge(example.PredictionOnClean, factor),
            example.GroundTruth is { } truth ? Enlarge(truth, factor) : null);
    }
}
