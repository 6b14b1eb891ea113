namespace Nlce.Data.Phantoms.Skin;

/// <summary>
/// The reticular pigment network of melanocytic lesions, modelled as the edges of a Voronoi tessellation of jittered
/// grid points (Worley cellular texture): brown lines around lighter "holes", cells of roughly equal size. The
/// jitter of every grid cell is drawn once up front, so a pixel's value is a pure function of its position.
/// </summary>
internal sealed class PigmentNetwork
{
    private readonly float cell;
    private readonly int columns;
    private readonly float[] jitterX;
    private readonly float[] jitterY;
    private readonly float lineWidth;

    /// <summary>A network with cells of about <paramref name="cellSize"/> pixels over a square image of <paramref name="size"/>.</summary>
    public PigmentNetwork(PhantomRandom random, float cellSize, int size)
    {
        cell = Math.Max(cellSize, 2f);
        columns = (int)MathF.Ceiling(size / cell) + 3;
        jitterX = new float[columns * columns];
        jitterY = new float[columns * columns];
        for (int i = 0; i < jitterX.Length; i++)
        {
            jitterX[i] = random.Uniform(0.1f, 0.9f);
            jitterY[i] = random.Uniform(0.1f, 0.9f);
        }
        lineWidth = random.Uniform(0.55f, 0.85f);
    }

    /// <summary>
    /// How much of a network line covers the point (<paramref name="x"/>, <paramref name="y"/>): 1 on a cell border,
    /// falling off as a smooth bell over about a line width.
    /// </summary>
    public float LineAt(float x, float y)
    {
        float gx = x / cell + 1f, gy = y / cell + 1f;
        int cx = (int)gx, cy = (int)gy;
        float nearest = float.MaxValue, second = float.MaxValue;
        for (int j = cy - 1; j <= cy + 1; j++)
        {
            for (int i = cx - 1; i <= cx + 1; i++)
            {
                int k = Math.Clamp(j, 0, columns - 1) * columns + Math.Clamp(i, 0, columns - 1);
                float dx = i + jitterX[k] - gx, dy = j + jitterY[k] - gy;
                float d = dx * dx + dy * dy;
                if (d < nearest)
                {
                    second = nearest;
                    nearest = d;
                }
                else if (d < second)
                {
                    second = d;
                }
            }
        }
        float border = MathF.Sqrt(second) - MathF.Sqrt(nearest);
        // A smooth bell, (1 − q)² with q = 1.25·(border / width)², close to exp(−2.5·(border / width)²).
        float q = 1.25f * (border / lineWidth) * (border / lineWidth);
        return q < 1f ? (1f - q) * (1f - q) : 0f;
    }
}
