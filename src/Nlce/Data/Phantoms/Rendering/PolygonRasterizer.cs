namespace Nlce.Data.Phantoms.Rendering;

/// <summary>
/// Scan conversion of a <see cref="Polygon"/> (even–odd rule) into a pixel grid, in two forms: an anti-aliased
/// area-coverage map for the image, and a crisp 0/1 map of the pixels whose centres lie inside for the mask. The
/// coverage samples <see cref="SubScanlines"/> horizontal lines per pixel row and integrates each line's spans
/// exactly along x, so a straight edge is resolved to 1/<see cref="SubScanlines"/> vertically and exactly
/// horizontally. Work is O(rows · edges + pixels); nothing is allocated per pixel.
/// </summary>
internal static class PolygonRasterizer
{
    /// <summary>Horizontal sample lines per pixel row in <see cref="Coverage"/>.</summary>
    public const int SubScanlines = 4;

    /// <summary>
    /// Overwrites <paramref name="coverage"/> (row-major, <paramref name="width"/> × <paramref name="height"/>) with
    /// the fraction of each pixel's area inside <paramref name="polygon"/>, in [0, 1].
    /// </summary>
    public static void Coverage(Polygon polygon, int width, int height, float[] coverage)
    {
        CheckBuffer(coverage.Length, width, height);
        Array.Clear(coverage);
        var crossings = new float[polygon.Count];
        var (top, bottom) = RowRange(polygon, height);
        const float weight = 1f / SubScanlines;
        for (int y = top; y < bottom; y++)
        {
            var row = coverage.AsSpan(y * width, width);
            for (int s = 0; s < SubScanlines; s++)
            {
                float scanY = y + (s + 0.5f) / SubScanlines;
                int n = Crossings(polygon, scanY, crossings);
                for (int k = 0; k + 1 < n; k += 2)
                    AddSpan(row, Math.Max(crossings[k], 0f), Math.Min(crossings[k + 1], width), weight);
            }
            for (int x = 0; x < width; x++)
                row[x] = Math.Min(row[x], 1f);
        }
    }

    /// <summary>
    /// Sets <paramref name="mask"/>[y·width + x] to <paramref name="value"/> for every pixel whose centre
    /// (x + ½, y + ½) lies inside <paramref name="polygon"/>; other pixels are left as they are, so several polygons
    /// can be painted (value 1) or cut out (value 0) in turn.
    /// </summary>
    public static void PaintInside(Polygon polygon, int width, int height, byte[] mask, byte value)
    {
        CheckBuffer(mask.Length, width, height);
        var crossings = new float[polygon.Count];
        var (top, bottom) = RowRange(polygon, height);
        for (int y = top; y < bottom; y++)
        {
            int n = Crossings(polygon, y + 0.5f, crossings);
            for (int k = 0; k + 1 < n; k += 2)
            {
                // Pixel x is inside when crossings[k] <= x + 0.5 < crossings[k + 1].
                int first = Math.Max((int)MathF.Ceiling(crossings[k] - 0.5f), 0);
                int end = Math.Min((int)MathF.Ceiling(crossings[k + 1] - 0.5f), width);
                if (end > first)
                    mask.AsSpan(y * width + first, end - first).Fill(value);
            }
        }
    }

    private static void CheckBuffer(int length, int width, int height)
    {
        if (length != width * height)
            throw new ArgumentException($"buffer has {length} values; expected width·height = {width}·{height}.");
    }

    private static (int Top, int Bottom) RowRange(Polygon polygon, int height)
    {
        float minY = float.MaxValue, maxY = float.MinValue;
        foreach (float y in polygon.Ys)
        {
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }
        return (Math.Clamp((int)MathF.Floor(minY), 0, height), Math.Clamp((int)MathF.Ceiling(maxY) + 1, 0, height));
    }

    /// <summary>Sorted x positions where the horizontal line y = <paramref name="scanY"/> crosses the polygon's edges.</summary>
    private static int Crossings(Polygon polygon, float scanY, float[] crossings)
    {
        var xs = polygon.Xs;
        var ys = polygon.Ys;
        int n = 0;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            float y0 = ys[j], y1 = ys[i];
            // Half-open rule: an edge counts when the line passes in [min y, max y), so a vertex is counted once.
            if ((y0 <= scanY && scanY < y1) || (y1 <= scanY && scanY < y0))
                crossings[n++] = xs[j] + (scanY - y0) * (xs[i] - xs[j]) / (y1 - y0);
        }
        Array.Sort(crossings, 0, n);
        return n;
    }

    /// <summary>Adds <paramref name="weight"/> × the length of [x0, x1) falling into each pixel of the row.</summary>
    private static void AddSpan(Span<float> row, float x0, float x1, float weight)
    {
        if (x1 <= x0)
            return;
        int first = (int)x0;
        int last = Math.Min((int)MathF.Ceiling(x1) - 1, row.Length - 1);
        if (first >= last)
        {
            row[Math.Min(first, row.Length - 1)] += (x1 - x0) * weight;
            return;
        }
        row[first] += (first + 1 - x0) * weight;
        for (int x = first + 1; x < last; x++)
            row[x] += weight;
        row[last] += (x1 - last) * weight;
    }
}
