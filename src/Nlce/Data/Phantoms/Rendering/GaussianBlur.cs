using System.Numerics;

namespace Nlce.Data.Phantoms.Rendering;

/// <summary>
/// In-place Gaussian blur of a row-major plane, approximated by three passes of an "extended box" filter per axis
/// (Gwosdek, Grewenig, Bruhn and Weickert, "Theoretical foundations of Gaussian convolution by extended box
/// filtering", SSVM 2011): a box of integer radius r plus a fractional weight α at ±(r + 1), with r and α chosen so
/// the three passes have exactly the variance σ². Cost is O(pixels) whatever σ; borders are clamped (the edge pixel
/// is repeated). Passes slide whole rows down the plane, so memory is read in order and the work is vectorised; the
/// horizontal passes run the same code on the transposed plane.
/// Two shortcuts keep the common cases cheap: σ ≤ <see cref="ThreeTapLimit"/> (unsharpness, grain) uses one pass of
/// the 3-tap kernel [a, 1 − 2a, a] with a = σ²/2, which has exactly the variance σ²; σ ≥ <see cref="CoarseLimit"/>
/// (smooth fields such as scatter or tissue thickness) is computed on a grid coarser by a factor ⌊σ/4⌋ and
/// interpolated back bilinearly, which keeps at least four coarse pixels per σ.
/// </summary>
internal static class GaussianBlur
{
    private const int Passes = 3;

    /// <summary>Largest σ (pixels) blurred with the single 3-tap kernel.</summary>
    public const float ThreeTapLimit = 0.8f;

    /// <summary>Smallest σ (pixels) blurred on a coarser grid.</summary>
    public const float CoarseLimit = 8f;

    /// <summary>Blurs <paramref name="plane"/> with standard deviation <paramref name="sigma"/> pixels (≤ 0: unchanged).</summary>
    public static void Apply(float[] plane, int width, int height, float sigma)
    {
        if (plane.Length != width * height)
            throw new ArgumentException($"plane has {plane.Length} values; expected width·height = {width}·{height}.", nameof(plane));
        if (sigma <= 0f)
            return;
        if (sigma <= ThreeTapLimit)
        {
            ThreeTap(plane, width, height, sigma * sigma / 2f);
            return;
        }
        int factor = (int)(sigma / 4f);
        if (sigma >= CoarseLimit && width >= 4 * factor && height >= 4 * factor)
        {
            Coarse(plane, width, height, sigma, factor);
            return;
        }
        ExtendedBoxes(plane, width, height, sigma);
    }

    private static void ExtendedBoxes(float[] plane, int width, int height, float sigma)
    {
        var (radius, alpha) = ExtendedBox(sigma * sigma / Passes);
        float norm = 1f / (2 * radius + 1 + 2 * alpha);
        // Vertical passes slide whole rows (vectorised); the horizontal ones do the same on the transposed plane.
        var source = new float[plane.Length];
        var sums = new float[Math.Max(width, height)];
        for (int pass = 0; pass < Passes; pass++)
        {
            plane.CopyTo(source, 0);
            FilterColumns(source, plane, width, height, radius, alpha, norm, sums);
        }
        Transpose(plane, source, width, height);
        for (int pass = 0; pass < Passes; pass++)
        {
            source.CopyTo(plane, 0);
            FilterColumns(plane, source, height, width, radius, alpha, norm, sums);
        }
        Transpose(source, plane, height, width);
    }

    private static void ThreeTap(float[] plane, int width, int height, float a)
    {
        var source = (float[])plane.Clone();
        ThreeTapColumns(source, plane, width, height, a);
        Transpose(plane, source, width, height);
        var transposed = (float[])source.Clone();
        ThreeTapColumns(transposed, source, height, width, a);
        Transpose(source, plane, height, width);
    }

    /// <summary>target[y] = (1 − 2a)·source[y] + a·(source[y − 1] + source[y + 1]) row by row, edges clamped.</summary>
    private static void ThreeTapColumns(float[] source, float[] target, int width, int height, float a)
    {
        var vCentre = new Vector<float>(1f - 2f * a);
        var vSide = new Vector<float>(a);
        int vectorEnd = width - width % Vector<float>.Count;
        for (int y = 0; y < height; y++)
        {
            var up = RowOf(source, width, height, y - 1);
            var middle = RowOf(source, width, height, y);
            var down = RowOf(source, width, height, y + 1);
            var output = target.AsSpan(y * width, width);
            int x = 0;
            for (; x < vectorEnd; x += Vector<float>.Count)
                (vCentre * new Vector<float>(middle[x..]) + vSide * (new Vector<float>(up[x..]) + new Vector<float>(down[x..]))).CopyTo(output[x..]);
            for (; x < width; x++)
                output[x] = (1f - 2f * a) * middle[x] + a * (up[x] + down[x]);
        }
    }

    /// <summary>Writes the transpose of the <paramref name="width"/> × <paramref name="height"/> plane, in 32² tiles.</summary>
    private static void Transpose(float[] source, float[] target, int width, int height)
    {
        const int tile = 32;
        for (int y0 = 0; y0 < height; y0 += tile)
        {
            int y1 = Math.Min(y0 + tile, height);
            for (int x0 = 0; x0 < width; x0 += tile)
            {
                int x1 = Math.Min(x0 + tile, width);
                for (int y = y0; y < y1; y++)
                    for (int x = x0; x < x1; x++)
                        target[x * height + y] = source[y * width + x];
            }
        }
    }

    /// <summary>Block-average by <paramref name="factor"/>, blur the small grid by σ/factor, interpolate back.</summary>
    private static void Coarse(float[] plane, int width, int height, float sigma, int factor)
    {
        int cw = (width + factor - 1) / factor, ch = (height + factor - 1) / factor;
        var coarse = new float[cw * ch];
        for (int y = 0; y < height; y++)
        {
            var row = plane.AsSpan(y * width, width);
            var target = coarse.AsSpan((y / factor) * cw, cw);
            for (int cx = 0, x = 0; cx < cw; cx++)
            {
                float sum = 0f;
                for (int end = Math.Min(x + factor, width); x < end; x++)
                    sum += row[x];
                target[cx] += sum;
            }
        }
        for (int cy = 0; cy < ch; cy++)
        {
            int rows = Math.Min(factor, height - cy * factor);
            for (int cx = 0; cx < cw; cx++)
                coarse[cy * cw + cx] /= rows * Math.Min(factor, width - cx * factor);
        }
        ExtendedBoxes(coarse, cw, ch, sigma / factor);

        var (left, right, weightX) = Interpolation(width, cw, factor);
        var (top, bottom, weightY) = Interpolation(height, ch, factor);
        for (int y = 0; y < height; y++)
        {
            int t = top[y] * cw, b = bottom[y] * cw;
            float wy = weightY[y];
            var row = plane.AsSpan(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float upper = coarse[t + left[x]] + weightX[x] * (coarse[t + right[x]] - coarse[t + left[x]]);
                float lower = coarse[b + left[x]] + weightX[x] * (coarse[b + right[x]] - coarse[b + left[x]]);
                row[x] = upper + wy * (lower - upper);
            }
        }
    }

    /// <summary>For each fine pixel, the two coarse cells around its centre and the weight of the second.</summary>
    private static (int[] Low, int[] High, float[] Weight) Interpolation(int fine, int coarse, int factor)
    {
        var low = new int[fine];
        var high = new int[fine];
        var weight = new float[fine];
        for (int i = 0; i < fine; i++)
        {
            float c = Math.Clamp((i + 0.5f) / factor - 0.5f, 0f, coarse - 1);
            low[i] = (int)c;
            high[i] = Math.Min(low[i] + 1, coarse - 1);
            weight[i] = c - low[i];
        }
        return (low, high, weight);
    }

    /// <summary>Radius and end weight of the extended box whose variance is <paramref name="variance"/>.</summary>
    internal static (int Radius, float Alpha) ExtendedBox(float variance)
    {
        // A plain box of radius r has variance r(r+1)/3; take the largest r not above the target, then solve
        // (Σ_{|i|≤r} i² + 2α(r+1)²) / (2r + 1 + 2α) = variance for α ∈ [0, 1).
        int r = (int)MathF.Floor((MathF.Sqrt(12f * variance + 1f) - 1f) / 2f);
        while ((r + 1) * (r + 2) / 3f <= variance)
            r++;
        while (r > 0 && r * (r + 1) / 3f > variance)
            r--;
        float alpha = (2 * r + 1) * (r * (r + 1) / 3f - variance) / (2f * (variance - (r + 1) * (r + 1)));
        return (r, Math.Clamp(alpha, 0f, 1f));
    }

    private static void FilterColumns(float[] source, float[] target, int width, int height, int radius, float alpha, float norm, float[] sums)
    {
        Array.Clear(sums, 0, width);
        for (int j = -radius; j <= radius; j++)
            AddRow(sums, RowOf(source, width, height, j));
        var vAlpha = new Vector<float>(alpha);
        var vNorm = new Vector<float>(norm);
        int vectorEnd = width - width % Vector<float>.Count;
        for (int y = 0; y < height; y++)
        {
            var below = RowOf(source, width, height, y - radius - 1);
            var above = RowOf(source, width, height, y + radius + 1);
            var leaving = RowOf(source, width, height, y - radius);
            var output = target.AsSpan(y * width, width);
            int x = 0;
            for (; x < vectorEnd; x += Vector<float>.Count)
            {
                var sum = new Vector<float>(sums, x);
                var hi = new Vector<float>(above[x..]);
                var result = (sum + vAlpha * (new Vector<float>(below[x..]) + hi)) * vNorm;
                result.CopyTo(output[x..]);
                (sum + hi - new Vector<float>(leaving[x..])).CopyTo(sums, x);
            }
            for (; x < width; x++)
            {
                output[x] = (sums[x] + alpha * (below[x] + above[x])) * norm;
                sums[x] += above[x] - leaving[x];
            }
        }
    }

    private static ReadOnlySpan<float> RowOf(float[] plane, int width, int height, int y) =>
        plane.AsSpan(Math.Clamp(y, 0, height - 1) * width, width);

    private static void AddRow(float[] sums, ReadOnlySpan<float> row)
    {
        for (int x = 0; x < row.Length; x++)
            sums[x] += row[x];
    }
}
