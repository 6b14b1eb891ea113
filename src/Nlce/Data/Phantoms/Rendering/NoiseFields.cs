namespace Nlce.Data.Phantoms.Rendering;

/// <summary>
/// Random textures for the phantoms: fractal value noise (smooth blotches, mottling, illumination) and
/// pixel-scale correlated Gaussian noise (film grain, sensor noise). All fields are drawn from the sample's own
/// <see cref="PhantomRandom"/> and added into caller-owned planes; nothing is allocated per pixel.
/// </summary>
internal static class NoiseFields
{
    /// <summary>
    /// Adds fractal value noise to <paramref name="plane"/>: <paramref name="octaves"/> layers of random lattice values
    /// interpolated with a smoothstep, the first with cells of <paramref name="cellSize"/> pixels and amplitude
    /// <paramref name="amplitude"/>, each next one with half the cell size and <paramref name="persistence"/> times
    /// the amplitude. Each layer is uniform in [−amplitude, amplitude] at the lattice points.
    /// </summary>
    public static void AddFractal(float[] plane, int width, int height, PhantomRandom random,
        float cellSize, int octaves, float amplitude, float persistence = 0.5f)
    {
        for (int o = 0; o < octaves; o++)
        {
            AddValueNoise(plane, width, height, random, Math.Max(cellSize, 1f), amplitude);
            cellSize *= 0.5f;
            amplitude *= persistence;
        }
    }

    private static void AddValueNoise(float[] plane, int width, int height, PhantomRandom random, float cellSize, float amplitude)
    {
        // A random sub-cell offset keeps the lattice of different layers from lining up.
        float offsetX = random.Uniform(0f, cellSize), offsetY = random.Uniform(0f, cellSize);
        int columns = (int)MathF.Ceiling((width + offsetX) / cellSize) + 2;
        int rows = (int)MathF.Ceiling((height + offsetY) / cellSize) + 2;
        var lattice = new float[columns * rows];
        for (int i = 0; i < lattice.Length; i++)
            lattice[i] = random.Uniform(-amplitude, amplitude);

        var cellOfX = new int[width];
        var weightOfX = new float[width];
        for (int x = 0; x < width; x++)
        {
            float gx = (x + 0.5f + offsetX) / cellSize;
            cellOfX[x] = (int)gx;
            weightOfX[x] = SmoothStep(gx - cellOfX[x]);
        }
        var blended = new float[columns];
        for (int y = 0; y < height; y++)
        {
            float gy = (y + 0.5f + offsetY) / cellSize;
            int cy = (int)gy;
            float wy = SmoothStep(gy - cy);
            // Interpolate between the two lattice rows once per image row, then along x per pixel.
            var upper = lattice.AsSpan(cy * columns, columns);
            var lower = lattice.AsSpan((cy + 1) * columns, columns);
            for (int c = 0; c < columns; c++)
                blended[c] = upper[c] + wy * (lower[c] - upper[c]);
            var row = plane.AsSpan(y * width, width);
            for (int x = 0; x < width; x++)
            {
                int cx = cellOfX[x];
                row[x] += blended[cx] + weightOfX[x] * (blended[cx + 1] - blended[cx]);
            }
        }
    }

    private static float SmoothStep(float t) => t * t * (3f - 2f * t);

    /// <summary>
    /// Adds spatially correlated Gaussian noise to <paramref name="plane"/>: white noise blurred with a Gaussian of
    /// <paramref name="correlation"/> pixels and rescaled to standard deviation <paramref name="standardDeviation"/>.
    /// </summary>
    public static void AddGrain(float[] plane, int width, int height, PhantomRandom random, float correlation, float standardDeviation)
    {
        var grain = new float[plane.Length];
        for (int i = 0; i < grain.Length; i++)
            grain[i] = random.NearlyNormal();
        GaussianBlur.Apply(grain, width, height, correlation);
        double sumSquares = 0;
        foreach (float g in grain)
            sumSquares += g * g;
        float scale = standardDeviation / MathF.Max((float)Math.Sqrt(sumSquares / grain.Length), 1e-6f);
        for (int i = 0; i < plane.Length; i++)
            plane[i] += grain[i] * scale;
    }
}
