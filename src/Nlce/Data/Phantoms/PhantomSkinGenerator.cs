using Nlce.Data.Phantoms.Rendering;
using Nlce.Data.Phantoms.Skin;

namespace Nlce.Data.Phantoms;

/// <summary>
/// The <c>phantom-skin</c> dataset: synthetic dermoscopy images standing in for the ISBI 2016 ISIC lesion
/// segmentation challenge (He et al., AAAI 2019, §4 "Datasets": skin lesion segmentation). Each sample is an RGB image
/// (see <see cref="DermoscopyRenderer"/> for what it shows) and the lesion mask. As in the real data, the mask is an
/// annotator's outline: where the lesion border is diffuse the outline wanders around the true border by up to about
/// the border's width, so soft-bordered samples are genuinely ambiguous. The mask marks the pixels whose centre lies
/// inside that outline.
/// </summary>
public sealed class PhantomSkinGenerator : IPhantomGenerator
{
    /// <summary>Creates a generator for <paramref name="options"/> (defaults: 200 samples of 256², seed 0).</summary>
    public PhantomSkinGenerator(PhantomOptions? options = null) => Options = options ?? new PhantomOptions();

    /// <inheritdoc/>
    public PhantomKind Kind => PhantomKind.Skin;

    /// <inheritdoc/>
    public PhantomOptions Options { get; }

    /// <inheritdoc/>
    public SegmentationSample Generate(int index)
    {
        PhantomSampleNames.CheckIndex(index, Options);
        int n = Options.Size;
        var random = new PhantomRandom(Options.Seed, Kind, index);
        var scene = DermoscopyScene.Sample(random, n);

        var labels = new byte[n * n];
        PolygonRasterizer.PaintInside(scene.AnnotatedLesion, n, n, labels, 1);

        var pixels = DermoscopyRenderer.Render(scene, random);
        return PhantomSampleNames.Sample(Kind, Options, index, new ImageData(n, n, 3, pixels), new MaskData(n, n, labels));
    }
}
