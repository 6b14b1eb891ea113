using Nlce.Data.Phantoms.Lung;
using Nlce.Data.Phantoms.Rendering;

namespace Nlce.Data.Phantoms;

/// <summary>
/// The <c>phantom-lung</c> dataset: synthetic postero-anterior chest radiographs standing in for JSRT with SCR lung
/// masks (He et al., AAAI 2019, §4 "Datasets": lung segmentation on 247 JSRT radiographs). Each sample is a grey
/// image (see <see cref="ChestRadiographRenderer"/> for what it shows) and the mask of the two lung fields with the
/// parts hidden by the heart and the aortic knob removed, as SCR's observers drew them. The image is rendered
/// anti-aliased; the mask is crisp and marks the pixels whose centre lies inside an observer's outline of a lung
/// field, which wanders about a pixel (at 256²) around the rendered border (see <see cref="ChestAnatomy.AnnotatedLungs"/>).
/// </summary>
public sealed class PhantomLungGenerator : IPhantomGenerator
{
    /// <summary>Creates a generator for <paramref name="options"/> (defaults: 200 samples of 256², seed 0).</summary>
    public PhantomLungGenerator(PhantomOptions? options = null) => Options = options ?? new PhantomOptions();

    /// <inheritdoc/>
    public PhantomKind Kind => PhantomKind.Lung;

    /// <inheritdoc/>
    public PhantomOptions Options { get; }

    /// <inheritdoc/>
    public SegmentationSample Generate(int index)
    {
        PhantomSampleNames.CheckIndex(index, Options);
        int n = Options.Size;
        var random = new PhantomRandom(Options.Seed, Kind, index);
        var anatomy = ChestAnatomy.Sample(random, n);

        var labels = new byte[n * n];
        foreach (var field in anatomy.AnnotatedLungs)
            PolygonRasterizer.PaintInside(field, n, n, labels, 1);
        PolygonRasterizer.PaintInside(anatomy.AnnotatedHeart, n, n, labels, 0);
        PolygonRasterizer.PaintInside(anatomy.AnnotatedAorticKnob, n, n, labels, 0);

        var pixels = ChestRadiographRenderer.Render(anatomy, random);
        return PhantomSampleNames.Sample(Kind, Options, index, new ImageData(n, n, 1, pixels), new MaskData(n, n, labels));
    }
}
