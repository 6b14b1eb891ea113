using Nlce.Data.Phantoms;
using Nlce.Data.Phantoms.Lung;
using Nlce.Data.Phantoms.Rendering;
using Nlce.Data.Phantoms.Skin;

namespace Nlce.Tests.Data.Phantoms;

/// <summary>
/// The masks are an observer's outlines, not the rendered borders: close to them, never identical, and further
/// from them where a lesion's border is diffuse. This is what keeps a perfect segmenter below Dice 1.
/// </summary>
public sealed class AnnotationUncertaintyTests
{
    private const int Size = 128;

    [Fact]
    public void Lung_masks_follow_the_rendered_lung_fields_within_a_pixel_or_so()
    {
        var generator = new PhantomLungGenerator(new PhantomOptions { Count = 12, Size = Size });
        for (int i = 0; i < 12; i++)
        {
            var anatomy = ChestAnatomy.Sample(new PhantomRandom(0, PhantomKind.Lung, i), Size);
            var rendered = new byte[Size * Size];
            foreach (var field in anatomy.Lungs)
                PolygonRasterizer.PaintInside(field, Size, Size, rendered, 1);
            PolygonRasterizer.PaintInside(anatomy.Heart, Size, Size, rendered, 0);
            PolygonRasterizer.PaintInside(anatomy.AorticKnob, Size, Size, rendered, 0);
            double dice = Dice(rendered, generator.Generate(i).Mask.Labels);
            Assert.InRange(dice, 0.95, 0.995);
        }
    }

    [Fact]
    public void Lesion_masks_wander_more_where_the_border_is_soft()
    {
        var generator = new PhantomSkinGenerator(new PhantomOptions { Count = 40, Size = Size });
        var sharp = new List<double>();
        var soft = new List<double>();
        for (int i = 0; i < 40; i++)
        {
            var scene = DermoscopyScene.Sample(new PhantomRandom(0, PhantomKind.Skin, i), Size);
            var rendered = new byte[Size * Size];
            PolygonRasterizer.PaintInside(scene.Lesion, Size, Size, rendered, 1);
            double dice = Dice(rendered, generator.Generate(i).Mask.Labels);
            Assert.InRange(dice, 0.8, 0.999);
            (scene.BorderSoftness < 0.01f * Size ? sharp : soft).Add(dice);
        }
        Assert.NotEmpty(sharp);
        Assert.NotEmpty(soft);
        Assert.True(sharp.Average() > soft.Average(), $"sharp borders {sharp.Average():F3} vs soft {soft.Average():F3}");
    }

    private static double Dice(byte[] a, byte[] b)
    {
        int both = 0, sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            both += a[i] & b[i];
            sum += a[i] + b[i];
        }
        return 2.0 * both / sum;
    }
}
