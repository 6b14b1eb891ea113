using Nlce.Data;

namespace Nlce.Charts;

/// <summary>
/// A batch of images shown as one PNG grid, <see cref="Columns"/> per row (the notebook view of an image tensor of
/// shape N×C×H×W once converted to <see cref="ImageData"/>). Each image is downsampled to at most
/// <see cref="ImagePanels.MaxPanelSide"/>², so a large batch stays within the notebook size budget.
/// </summary>
public sealed record ImageBatch
{
    public ImageBatch(IReadOnlyList<ImageData> images, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0 || images.Any(i => i is null))
            throw new ArgumentException("an image batch needs at least one image and no null images.", nameof(images));
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Images = images;
        Columns = columns;
    }

    public IReadOnlyList<ImageData> Images { get; }
    public int Columns { get; }

    /// <summary>The images drawn row by row with <see cref="ImageGrid.Gap"/> pixels between them.</summary>
    public RgbCanvas Render()
    {
        var panels = Images.Select(i => ImagePanels.FitWithin(i)).ToList();
        var cellWidth = panels.Max(p => p.Width);
        var cellHeight = panels.Max(p => p.Height);
        var columns = Math.Min(Columns, panels.Count);
        var rows = (panels.Count + columns - 1) / columns;
        var canvas = new RgbCanvas(columns * cellWidth + (columns - 1) * ImageGrid.Gap, rows * cellHeight + (rows - 1) * ImageGrid.Gap);
        for (var i = 0; i < panels.Count; i++)
            canvas.Draw(panels[i], i % columns * (cellWidth + ImageGrid.Gap), i / columns * (cellHeight + ImageGrid.Gap));
        return canvas;
    }

    /// <summary>The grid as PNG bytes.</summary>
    public byte[] ToPng() => Render().ToPng();
}
