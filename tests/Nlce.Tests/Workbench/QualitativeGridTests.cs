using Nlce.Charts;
using Nlce.Data;
using Nlce.Workbench;

namespace Nlce.Tests.Workbench;

public sealed class QualitativeGridTests
{
    private const int Side = 8;

    private static AttackedImage Attacked(string model, float shade)
    {
        var image = new ImageData(Side, Side, 1, Enumerable.Repeat(shade, Side * Side).ToArray());
        var adversarial = new ImageData(Side, Side, 1, Enumerable.Repeat(shade + 0.1f, Side * Side).ToArray());
        var mask = new MaskData(Side, Side, Enumerable.Range(0, Side * Side).Select(i => (byte)(i % Side < Side / 2 ? 1 : 0)).ToArray());
        return new AttackedImage(new QualitativeExample(model, image, adversarial, mask, mask, mask), "targeted I-FGSM", 32, 36, 32, 1, 0.5, 1, 0.4);
    }

    [Fact]
    public void One_row_per_image_with_input_adversarial_truth_and_one_column_per_model()
    {
        IReadOnlyList<IReadOnlyList<AttackedImage>> rows =
        [
            [Attacked("nlcen-r18", 0.2f), Attacked("unet", 0.2f)],
            [Attacked("nlcen-r18", 0.6f), Attacked("unet", 0.6f)],
        ];
        var grid = QualitativeGrid.ByImage(rows, ["img-a", "img-b"]);
        Assert.Equal(["Input", "Adversarial input (against nlcen-r18)", "Ground truth", "nlcen-r18 on its adversarial input", "unet on its adversarial input"],
            grid.ColumnTitles);
        Assert.Equal(["img-a", "img-b"], grid.Rows.Select(r => r.Label));
        int factor = QualitativeGrid.FactorFor(Side);
        Assert.Equal(10, factor);
        Assert.All(grid.Rows.SelectMany(r => r.Panels), panel => Assert.Equal(Side * factor, panel.Width));
        Assert.Equal(0.6f, grid.Rows[1].Panels[0][0, 0, 0], 5);
        Assert.Equal(0.7f, grid.Rows[1].Panels[1][0, 0, 0], 5);
        Assert.Equal(3, grid.Rows[0].Panels[3].Channels);
    }

    [Theory]
    [InlineData(32, 2)]
    [InlineData(64, 1)]
    [InlineData(256, 1)]
    public void Panels_are_enlarged_by_a_whole_factor_to_fit_nine_in_a_row(int side, int factor)
    {
        Assert.Equal(factor, QualitativeGrid.FactorFor(side));
    }

    [Fact]
    public void Rows_with_other_models_or_labels_that_do_not_match_are_refused()
    {
        IReadOnlyList<IReadOnlyList<AttackedImage>> mixed = [[Attacked("nlcen-r18", 0.2f)], [Attacked("unet", 0.2f)]];
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => QualitativeGrid.ByImage(mixed, ["a", "b"])).Message);
        IReadOnlyList<IReadOnlyList<AttackedImage>> one = [[Attacked("unet", 0.2f)]];
        Assert.Equal("rowLabels", Assert.Throws<ArgumentException>(() => QualitativeGrid.ByImage(one, ["a", "b"])).ParamName);
        Assert.Throws<ArgumentException>(() => QualitativeGrid.ByImage([], []));
        Assert.Throws<ArgumentException>(() => QualitativeGrid.ByImage([[]], ["a"]));
    }
}
