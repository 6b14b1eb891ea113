using Nlce.Data;

namespace Nlce.Tests.Data.Phantoms;

/// <summary>8-connected foreground components of a mask, for checking the phantoms' topology.</summary>
internal static class ConnectedComponents
{
    public sealed record Component(int Area, double CentroidX, double CentroidY);

    /// <summary>Components of at least <paramref name="minimumArea"/> pixels.</summary>
    public static List<Component> Find(MaskData mask, int minimumArea)
    {
        var seen = new bool[mask.Labels.Length];
        var stack = new Stack<int>();
        var components = new List<Component>();
        for (int start = 0; start < seen.Length; start++)
        {
            if (seen[start] || mask.Labels[start] == 0)
                continue;
            int area = 0;
            double sumX = 0, sumY = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int x = p % mask.Width, y = p / mask.Width;
                area++;
                sumX += x;
                sumY += y;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= mask.Width || ny >= mask.Height)
                            continue;
                        int q = ny * mask.Width + nx;
                        if (!seen[q] && mask.Labels[q] == 1)
                        {
                            seen[q] = true;
                            stack.Push(q);
                        }
                    }
                }
            }
            if (area >= minimumArea)
                components.Add(new Component(area, sumX / area, sumY / area));
        }
        return components;
    }
}
