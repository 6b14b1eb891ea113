using System.Numerics;

namespace Nlce.Data.Phantoms.Rendering;

/// <summary>
/// In-place Gaussian blur of a row-major plane, approximated by three passes of an "extended box" filter per axis
/// (Gwosdek, Grewenig, Bruhn and Weickert, "Theoretical foundations of Gaussian convolution by extended box
/// filtering", SSVM 2011): a box of integer radius r plus a fractional weight α at ±(r + 1), with r and α chosen so
/// the three passes have exactly the variance σ². Cost is O(pixels) whatever σ; borders are clamped (the edge pixel
/// is repeated). The vertical passes slide whole rows, so memory is read in order and the work is vectorised.
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

        var padded = new float[width + 2 * (radius + 1)];
        for (int pass = 0; pass < Passes; pass++)
            for (int y = 0; y < height; y++)
                FilterRow(plane.AsSpan(y * width, width), padded, radius, alpha, norm);

        var source = new float[plane.Length];
        var sums = new float[width];
        for (int pass = 0; pass < Passes; pass++)
        {
            plane.CopyTo(source, 0);
            FilterColumns(source, plane, width, height, radius, alpha, norm, sums);
        }
    }

    private static void ThreeTap(float[] plane, int width, int height, float a)
    {
        float centre = 1f - 2f * a;
        var line = new float[width];
        for (int y = 0; y < height; y++)
        {
            var row = plane.AsSpan(y * width, width);
            row.CopyTo(line);
            for (int x = 0; x < width; x++)
                row[x] = centre * line[x] + a * (line[Math.Max(x - 1, 0)] + line[Math.Min(x + 1, width - 1)]);
        }
        var source = (float[])plane.Clone();
        for (int y = 0; y < height; y++)
        {
            var up = RowOf(source, width, height, y - 1);
            var middle = RowOf(source, width, height, y);
            var down = RowOf(source, width, height, y + 1);
            var row = plane.AsSpan(y * width, width);
            for (int x = 0; x < width; x++)
                row[x] = centre * middle[x] + a * (up[x] + down[x]);
        }
    }

    /// <summary>Block-average by <paramref name="factor"/>, blur the small grid by σ/factor, interpolate back.</summary>
    private static void Coarse(float[] plane, int width, int height, float sigma, int factor)
    {
        int cw = (width + factor - 1) / factor, ch = (height + factor - 1) / factor;
        var coarse = new float[cw * ch];
        var counts = new float[cw * ch];
        for (int y = 0; y < height; y++)
        {
            int rowStart = (y / factor) * cw;
            for (int x = 0; x < width; x++)
            {
                coarse[rowStart + x / factor] += plane[y * width + x];
                counts[rowStart + x / factor] += 1f;
            }
        }
        for (int i = 0; i < coarse.Length; i++)
            coarse[i] /= counts[i];
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

    private static void FilterRow(Span<float> row, float[] padded, int radius, float alpha, float norm)
    {
        int n = row.Length;
        int pad = radius + 1;
        padded.AsSpan(0, pad).Fill(row[0]);
        row.CopyTo(padded.AsSpan(pad));
        padded.AsSpan(pad + n, pad).Fill(row[n - 1]);
        float sum = 0f;
        for (int j = pad - radius; j <= pad + radius; j++)
            sum += padded[j];
        for (int i = 0; i < n; i++)
        {
            int c = i + pad;
            row[i] = (sum + alpha * (padded[c - radius - 1] + padded[c + radius + 1])) * norm;
            sum += padded[c + radius + 1] - padded[c - radius];
        }
    }

    private static void FilterColumns(float[] source, float[] target, int width, int height, int radius, float alpha, float norm, float[] sums)
    {
        Array.Clear(sums);
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
        for (int x = 0; x < sums.Length; x++)
            sums[x] += row[x];
    }
}
