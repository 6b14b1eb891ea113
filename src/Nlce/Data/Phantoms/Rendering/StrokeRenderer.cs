namespace Nlce.Data.Phantoms.Rendering;

/// <summary>Cross-section of a stroke drawn by <see cref="StrokeRenderer"/>, as a function of distance to its centre line.</summary>
internal enum StrokeProfile
{
    /// <summary>Flat, anti-aliased over one pixel at the edge (hairs, dark bands).</summary>
    Solid,

    /// <summary>Projection of a solid cylinder, √(1 − (d/w)²) (vessels, trachea).</summary>
    Tube,

    /// <summary>Projection of a hollow bone: brighter cortex at both edges, dimmer marrow inside (ribs, clavicles).</summary>
    Cortical,
}

/// <summary>
/// Draws thick polylines into a plane by distance to each segment, with half-width and strength interpolated along
/// the line. Strokes combine with what is already in the plane by maximum, so the joints of a polyline and
/// overlapping branches of one structure do not double up; structures that should add (a rib over a vessel) are
/// drawn into separate planes and summed by the caller.
/// </summary>
internal static class StrokeRenderer
{
    /// <summary>
    /// Draws the polyline through (<paramref name="xs"/>, <paramref name="ys"/>) with per-vertex half-widths
    /// (pixels) and strengths into <paramref name="layer"/>.
    /// </summary>
    public static void Draw(float[] layer, int width, int height, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys,
        ReadOnlySpan<float> halfWidths, ReadOnlySpan<float> strengths, StrokeProfile profile)
    {
        if (ys.Length != xs.Length || halfWidths.Length != xs.Length || strengths.Length != xs.Length)
            throw new ArgumentException("xs, ys, halfWidths and strengths must have one value per vertex.");
        for (int i = 0; i + 1 < xs.Length; i++)
            DrawSegment(layer, width, height, xs[i], ys[i], xs[i + 1], ys[i + 1],
                halfWidths[i], halfWidths[i + 1], strengths[i], strengths[i + 1], profile);
    }

    private static void DrawSegment(float[] layer, int width, int height, float ax, float ay, float bx, float by,
        float wa, float wb, float sa, float sb, StrokeProfile profile)
    {
        float reach = Math.Max(wa, wb) + 1.5f;
        int x0 = Math.Max((int)MathF.Floor(Math.Min(ax, bx) - reach), 0);
        int x1 = Math.Min((int)MathF.Ceiling(Math.Max(ax, bx) + reach), width - 1);
        int y0 = Math.Max((int)MathF.Floor(Math.Min(ay, by) - reach), 0);
        int y1 = Math.Min((int)MathF.Ceiling(Math.Max(ay, by) + reach), height - 1);
        float dx = bx - ax, dy = by - ay;
        float lengthSquared = dx * dx + dy * dy;
        float inverse = lengthSquared > 1e-12f ? 1f / lengthSquared : 0f;
        float outer = Math.Max(wa, wb) + 0.5f;
        float outerSquared = outer * outer;
        for (int y = y0; y <= y1; y++)
        {
            float py = y + 0.5f - ay;
            int rowStart = y * width;
            for (int x = x0; x <= x1; x++)
            {
                float px = x + 0.5f - ax;
                float t = Math.Clamp((px * dx + py * dy) * inverse, 0f, 1f);
                float ex = px - t * dx, ey = py - t * dy;
                float distanceSquared = ex * ex + ey * ey;
                if (distanceSquared >= outerSquared)
                    continue;
                float distance = MathF.Sqrt(distanceSquared);
                float halfWidth = wa + t * (wb - wa);
                if (distance >= halfWidth + 0.5f)
                    continue;
                float value = (sa + t * (sb - sa)) * Profile(profile, distance, halfWidth);
                ref float target = ref layer[rowStart + x];
                if (value > target)
                    target = value;
            }
        }
    }

    private static float Profile(StrokeProfile profile, float distance, float halfWidth)
    {
        // Lines thinner than a pixel cover only part of it: scale them by their width.
        float thin = Math.Min(1f, 2f * halfWidth);
        float edge = Math.Clamp(halfWidth + 0.5f - distance, 0f, 1f);
        switch (profile)
        {
            case StrokeProfile.Solid:
                return thin * edge;
            case StrokeProfile.Tube:
            {
                float u = distance / (halfWidth + 0.5f);
                return thin * MathF.Sqrt(Math.Max(0f, 1f - u * u));
            }
            default:
            {
                float u = Math.Min(distance / Math.Max(halfWidth, 0.5f), 1f);
                float u3 = u * u * u;
                return thin * edge * (0.55f + 0.45f * u3 * u3);
            }
        }
    }
}
