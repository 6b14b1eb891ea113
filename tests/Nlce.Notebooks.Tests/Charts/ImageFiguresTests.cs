using Nlce.Charts;
using Nlce.Data;

namespace Nlce.Notebooks.Tests.Charts;

public class ImageFiguresTests
{
    private static ImageData Grey(int width, int height, float value) =>
        new(width, height, 1, Enumerable.Repeat(value, width * height).ToArray());

    [Fact]
    public void Png_encoding_gives_a_png_of_the_image_size()
    {
        var png = PngEncoder.Encode(Grey(5, 3, 0.5f));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(5, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(3, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
    }

    [Fact]
    public void Perturbation_is_centred_on_grey_and_stretched()
    {
        var clean = new ImageData(3, 1, 1, [0.5f, 0.5f, 0.5f]);
        var adversarial = new ImageData(3, 1, 1, [0.52f, 0.5f, 0.46f]);
        var shown = ImagePanels.Perturbation(clean, adversarial);
        Assert.Equal([0.75f, 0.5f, 0f], shown.Pixels.Select(v => MathF.Round(v, 4)));
    }

    [Fact]
    public void Panels_are_downsampled_to_the_budget()
    {
        var fitted = ImagePanels.FitWithin(Grey(600, 300, 0.25f));
        Assert.True(fitted.Width <= ImagePanels.MaxPanelSide && fitted.Height <= ImagePanels.MaxPanelSide);
        Assert.All(fitted.Pixels, v => Assert.Equal(0.25f, v, 5));
    }

    [Fact]
    public void Overlay_tints_the_prediction_and_outlines_the_ground_truth()
    {
        var image = Grey(3, 3, 0f);
        var prediction = new MaskData(3, 3, [0, 0, 0, 0, 1, 0, 0, 0, 0]);
        var truth = new MaskData(3, 3, [1, 1, 1, 1, 1, 1, 1, 1, 1]);
        var canvas = new SegmentationOverlay(image, prediction, null).Render();
        Assert.Equal([104, 18, 18], canvas.Pixels[12..15].Select(b => (int)b));
        Assert.Equal([0, 0, 0], canvas.Pixels[0..3].Select(b => (int)b));
        var outlined = new SegmentationOverlay(image, prediction, truth).Render();
        Assert.Equal([40, 220, 60], outlined.Pixels[0..3].Select(b => (int)b));
        Assert.Throws<ArgumentException>(() => new SegmentationOverlay(image, new MaskData(2, 2, [0, 0, 0, 0])));
    }

    [Fact]
    public void Adversarial_example_grid_has_five_columns_per_model()
    {
        var input = Grey(4, 4, 0.5f);
        var adversarial = Grey(4, 4, 0.53f);
        var mask = new MaskData(4, 4, new byte[16]);
        var grid = QualitativeFigures.AdversarialExamples(
            [new QualitativeExample("NLCEN", input, adversarial, mask, mask), new QualitativeExample("UNet", input, adversarial, mask, mask, mask)]);
        Assert.Equal(QualitativeFigures.Columns, grid.ColumnTitles);
        Assert.Equal(["NLCEN", "UNet"], grid.Rows.Select(r => r.Label));
        var canvas = grid.Render();
        Assert.Equal((5 * 4 + 4 * ImageGrid.Gap, 2 * 4 + ImageGrid.Gap), (canvas.Width, canvas.Height));
        var html = grid.ToHtml();
        Assert.Equal(10, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("<th>Perturbation (amplified)</th>", html);
    }

    [Fact]
    public void Image_batch_lays_images_out_in_rows()
    {
        var canvas = new ImageBatch([Grey(2, 2, 0f), Grey(2, 2, 1f), Grey(2, 2, 0.5f)], columns: 2).Render();
        Assert.Equal((2 * 2 + ImageGrid.Gap, 2 * 2 + ImageGrid.Gap), (canvas.Width, canvas.Height));
        Assert.Equal(255, canvas.Pixels[(0 * canvas.Width + 2 + ImageGrid.Gap) * 3]);
        Assert.Equal(128, canvas.Pixels[((2 + ImageGrid.Gap) * canvas.Width) * 3]);
        Assert.Throws<ArgumentException>(() => new ImageBatch([]));
    }

    [Fact]
    public void Grid_rows_must_match_the_columns() =>
        Assert.Throws<ArgumentException>(() => new ImageGrid(["a", "b"], [new ImageGridRow("r", [Grey(1, 1, 0f)])]));
}
