namespace Nlce.Data.Phantoms.Rendering;

/// <summary>
/// A closed simple polygon in pixel coordinates (x to the right, y down; pixel (i, j) covers [i, i+1) × [j, j+1)).
/// The contours of every phantom structure (lungs, heart, lesion) are built as polygons and rasterised by
/// <see cref="PolygonRasterizer"/>.
/// </summary>
internal sealed class Polygon
{
    public Polygon(float[] xs, float[] ys)
    {
        if (xs.Length != ys.Length)
            throw new ArgumentException($"xs has {xs.Length} values but ys has {ys.Length}; they must match.", nameof(ys));
        if (xs.Length < 3)
            throw new ArgumentException($"a polygon needs at least 3 vertices; got {xs.Length}.", nameof(xs));
        Xs = xs;
        Ys = ys;
    }

    public float[] Xs { get; }
    public float[] Ys { get; }
    public int Count => Xs.Length;

    /// <summary>
    /// A star-shaped polygon of <paramref name="vertices"/> points around (<paramref name="centerX"/>,
    /// <paramref name="centerY"/>) whose radius at angle θ is <paramref name="radius"/>(θ).
    /// </summary>
    public static Polygon Radial(float centerX, float centerY, int vertices, Func<float, float> radius)
    {
        var xs = new float[vertices];
        var ys = new float[vertices];
        for (int i = 0; i < vertices; i++)
        {
            float theta = 2f * MathF.PI * i / vertices;
            float r = radius(theta);
            xs[i] = centerX + r * MathF.Cos(theta);
            ys[i] = centerY + r * MathF.Sin(theta);
        }
        return new Polygon(xs, ys);
    }

    /// <summary>Distance from the centre to the boundary of an axis-aligned ellipse with semi-axes a, b at angle θ.</summary>
    public static float EllipseRadius(float theta, float a, float b)
    {
        float c = MathF.Cos(theta), s = MathF.Sin(theta);
        return a * b / MathF.Sqrt(b * b * c * c + a * a * s * s);
    }

    /// <summary>
    /// The closed uniform Catmull–Rom spline through the control points, sampled <paramref name="samplesPerSpan"/>
    /// times between consecutive control points: a smooth contour that passes through every given landmark.
    /// </summary>
    public static Polygon ClosedSpline(ReadOnlySpan<float> controlXs, ReadOnlySpan<float> controlYs, int samplesPerSpan)
    {
        int n = controlXs.Length;
        var xs = new float[n * samplesPerSpan];
        var ys = new float[n * samplesPerSpan];
        for (int i = 0; i < n; i++)
        {
            int i0 = (i + n - 1) % n, i1 = i, i2 = (i + 1) % n, i3 = (i + 2) % n;
            for (int s = 0; s < samplesPerSpan; s++)
            {
                float t = s / (float)samplesPerSpan;
                xs[i * samplesPerSpan + s] = CatmullRom(controlXs[i0], controlXs[i1], controlXs[i2], controlXs[i3], t);
                ys[i * samplesPerSpan + s] = CatmullRom(controlYs[i0], controlYs[i1], controlYs[i2], controlYs[i3], t);
            }
        }
        return new Polygon(xs, ys);
    }

    private static float CatmullRom(float p0, float p1, float p2, float p3, float t)
    {
        float t2 = t * t, t3 = t2 * t;
        return 0.5f * (2f * p1 + (p2 - p0) * t + (2f * p0 - 5f * p1 + 4f * p2 - p3) * t2 + (3f * p1 - p0 - 3f * p2 + p3) * t3);
    }

    /// <summary>True when (<paramref name="x"/>, <paramref name="y"/>) lies inside (even–odd rule, as <see cref="PolygonRasterizer"/>).</summary>
    public bool Contains(float x, float y)
    {
        bool inside = false;
        for (int i = 0, j = Count - 1; i < Count; j = i++)
        {
            if ((Ys[j] <= y && y < Ys[i]) || (Ys[i] <= y && y < Ys[j]))
            {
                float crossX = Xs[j] + (y - Ys[j]) * (Xs[i] - Xs[j]) / (Ys[i] - Ys[j]);
                if (crossX > x)
                    inside = !inside;
            }
        }
        return inside;
    }

    /// <summary>Area by the shoelace formula (positive whatever the orientation).</summary>
    public float Area
    {
        get
        {
            double twice = 0;
            for (int i = 0, j = Count - 1; i < Count; j = i++)
                twice += (double)Xs[j] * Ys[i] - (double)Xs[i] * Ys[j];
            return (float)Math.Abs(twice / 2);
        }
    }

    /// <summary>Mean of the vertices (a good enough centre for the star-shaped contours used here).</summary>
    public (float X, float Y) VertexMean
    {
        get
        {
            double sx = 0, sy = 0;
            for (int i = 0; i < Count; i++)
            {
                sx += Xs[i];
                sy += Ys[i];
            }
            return ((float)(sx / Count), (float)(sy / Count));
        }
    }

    /// <summary>
    /// This polygon with every vertex moved along the ray from (<paramref name="centerX"/>, <paramref name="centerY"/>):
    /// its distance to the centre is multiplied by <paramref name="factor"/>(θ), θ being the ray's angle.
    /// </summary>
    public Polygon ScaledRadially(float centerX, float centerY, Func<float, float> factor)
    {
        var xs = new float[Count];
        var ys = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            float dx = Xs[i] - centerX, dy = Ys[i] - centerY;
            float f = factor(MathF.Atan2(dy, dx));
            xs[i] = centerX + dx * f;
            ys[i] = centerY + dy * f;
        }
        return new Polygon(xs, ys);
    }
}
