using Nlce.Charts;
using Nlce.Data;
using Nlce.Workbench;

namespace Nlce.Notebooks.Tests.NotebookSeries.Workbench;

public sealed class DisplayHelpersTests
{
    [Theory]
    [InlineData(0, 64, 0)]
    [InlineData(255, 64, 63)]
    [InlineData(128, 32, 16)]
    [InlineData(120, 256, 120)]
    public void Paper_frame_coordinates_scale_to_the_working_size(int coordinate, int size, int expected)
    {
        Assert.Equal(expected, PaperFrame.ToWorking(coordinate, size, "row"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Paper_frame_coordinates_outside_the_frame_are_refused_by_name(int coordinate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PaperFrame.ToWorking(coordinate, 64, "column"));
        Assert.Equal("column", error.ParamName);
    }

    [Theory]
    [InlineData(32, 6)]
    [InlineData(64, 3)]
    [InlineData(100, 2)]
    [InlineData(256, 1)]
    public void Enlargement_factor_reaches_the_target_side(int side, int factor)
    {
        Assert.Equal(factor, DisplaySize.FactorFor(side));
        Assert.True(side * factor >= DisplaySize.TargetSide || factor == 1);
    }

    [Fact]
    public void Enlarging_repeats_every_pixel_and_label()
    {
        var image = new ImageData(2, 1, 1, [0.25f, 0.75f]);
        var big = DisplaySize.Enlarge(image, 2);
        Assert.Equal((4, 2), (big.Width, big.Height));
        Assert.Equal([0.25f, 0.25f, 0.75f, 0.75f, 0.25f, 0.25f, 0.75f, 0.75f], big.Pixels);
        var mask = DisplaySize.Enlarge(new MaskData(1, 2, [1, 0]), 3);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, mask.Labels);
        Assert.Same(image, DisplaySize.Enlarge(image, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisplaySize.Enlarge(image, 0));
    }

    [Fact]
    public void Enlarging_an_example_enlarges_all_its_panels_alike()
    {
        var image = new ImageData(32, 32, 1, new float[32 * 32]);
        var mask = new MaskData(32, 32, new byte[32 * 32]);
        var big = DisplaySize.Enlarge(new QualitativeExample("unet", image, image, mask, mask, mask));
        Assert.Equal("unet", big.Model);
        Assert.All(new[] { big.Input.Width, big.AdversarialInput.Width, big.PredictionOnAdversarial.Width, big.PredictionOnClean.Width, big.GroundTruth!.Width },
            w => Assert.Equal(32 * 6, w));
    }

    [Fact]
    public void Attention_panel_tints_by_weight_and_marks_the_query_pixel()
    {
        var image = new ImageData(24, 24, 1, Enumerable.Repeat(0.5f, 24 * 24).ToArray());
        // 2×2 key grid: all the weight on the bottom-right key.
        var panel = AttentionPanel.Draw(image, new AttentionMapView([0f, 0f, 0f, 1f], 2, 2, 0, 0), 2, 2);
        Assert.Equal((24, 24, 3), (panel.Width, panel.Height, panel.Channels));
        Assert.Equal(0.5f, panel[0, 2, 20]);                                 // top-right: untinted grey
        Assert.Equal(0.5f, panel[2, 2, 20]);
        Assert.True(panel[0, 20, 20] > 0.8f && panel[1, 20, 20] > 0.8f && panel[2, 20, 20] < 0.2f, "the strongest key is yellow");
        Assert.Equal((0f, 1f, 1f), (panel[0, 2, 2], panel[1, 2, 2], panel[2, 2, 2]));   // cyan cross at the query
        Assert.Throws<ArgumentOutOfRangeException>(() => AttentionPanel.Draw(image, new AttentionMapView([1f], 1, 1, 0, 0), 24, 0));
    }

    [Fact]
    public void Inline_progress_reports_at_once_in_order()
    {
        var seen = new List<int>();
        IProgress<int> progress = new InlineProgress<int>(seen.Add);
        progress.Report(1);
        progress.Report(2);
        Assert.Equal([1, 2], seen);
        Assert.Throws<ArgumentNullException>(() => new InlineProgress<int>(null!));
    }
}
