namespace Nlce.Data.Phantoms.Rendering;

/// <summary>
/// A polyline with a half-width (pixels) and a strength at each vertex: one rib, clavicle, vessel branch or hair,
/// ready for <see cref="StrokeRenderer"/>.
/// </summary>
internal sealed class StrokePath
{
    public StrokePath(float[] xs, float[] ys, float[] halfWidths, float[] strengths)
    {
        if (ys.Length != xs.Length || halfWidths.Length != xs.Length || strengths.Length != xs.Length)
            throw new ArgumentException("xs, ys, halfWidths and strengths must have one value per vertex.");
        Xs = xs;
        Ys = ys;
        HalfWidths = halfWidths;
        Strengths = strengths;
    }

    public float[] Xs { get; }
    public float[] Ys { get; }
    public float[] HalfWidths { get; }
    public float[] Strengths { get; }

    /// <summary>Draws this path into <paramref name="layer"/> (maximum with what is there).</summary>
    public void DrawInto(float[] layer, int width, int height, StrokeProfile profile) =>
        StrokeRenderer.Draw(layer, width, height, Xs, Ys, HalfWidths, Strengths, profile);
}
