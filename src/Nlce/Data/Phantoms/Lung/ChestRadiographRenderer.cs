using Nlce.Data.Phantoms.Rendering;

namespace Nlce.Data.Phantoms.Lung;

/// <summary>
/// Renders a <see cref="ChestAnatomy"/> as a displayed PA chest radiograph in [0, 1] (bright = attenuating, as on a
/// film viewer): soft tissue of the body, dark air-filled lung fields (darkest where the lung is thickest), the bright
/// mediastinum, heart and aortic knob, bones with brighter cortices, vessels, airways, then the acquisition: a
/// per-image tone curve (window, contrast, gamma), a smooth illumination gradient, a little unsharpness and
/// correlated film grain. Every structure is drawn anti-aliased; the crisp mask is made separately.
/// </summary>
internal static class ChestRadiographRenderer
{
    public static float[] Render(ChestAnatomy anatomy, PhantomRandom random)
    {
        int n = anatomy.Size;
        float s = n;
        int count = n * n;
        float pixelScale = s / 256f;

        // Lung fields: the anti-aliased coverage for the borders (softened with the rest of the image by the final
        // unsharpness), a heavily blurred copy for the lung's thickness.
        var lung = new float[count];
        var scratch = new float[count];
        foreach (var field in anatomy.Lungs)
        {
            PolygonRasterizer.Coverage(field, n, n, scratch);
            for (int i = 0; i < count; i++)
                lung[i] = Math.Min(lung[i] + scratch[i], 1f);
        }
        var depth = (float[])lung.Clone();
        GaussianBlur.Apply(depth, n, n, 0.045f * s);

        var heart = new float[count];
        PolygonRasterizer.Coverage(anatomy.Heart, n, n, heart);
        PolygonRasterizer.Coverage(anatomy.AorticKnob, n, n, scratch);
        for (int i = 0; i < count; i++)
            heart[i] = Math.Max(heart[i], scratch[i]);
        GaussianBlur.Apply(heart, n, n, random.Uniform(0.8f, 2.2f) * pixelScale);

        var attenuation = new float[count];
        AddBody(anatomy, attenuation);
        AddSpine(anatomy, attenuation, random);

        // Air in the lungs lowers the attenuation most where the lung is thickest; the heart and aortic knob push the
        // lung aside. A faint blotchy field stands for the uneven aeration and overlying soft tissue.
        float airDepth = random.Uniform(0.26f, 0.32f);
        float airThickness = random.Uniform(0.16f, 0.26f);
        float heartDensity = random.Uniform(0.0f, 0.035f);
        var aeration = new float[count];
        NoiseFields.AddFractal(aeration, n, n, random, 0.3f * s, 3, 0.06f);
        NoiseFields.AddFractal(aeration, n, n, random, 0.025f * s, 2, 0.025f);
        float apex = anatomy.ApexY, baseY = anatomy.Lungs.Max(l => l.Ys.Max());
        float basalLoss = random.Uniform(0.15f, 0.4f);
        for (int y = 0; y < n; y++)
        {
            // Lower zones are overlaid by more soft tissue (breasts, diaphragm muscle): less dark than the apices.
            float zone = 1f - basalLoss * Math.Clamp((y - apex) / (baseY - apex), 0f, 1f);
            for (int x = 0; x < n; x++)
            {
                int i = y * n + x;
                float air = lung[i] * (zone * (airDepth + airThickness * depth[i]) + aeration[i]) * (1f - 0.95f * heart[i]);
                attenuation[i] += heartDensity * heart[i] - air;
            }
        }
        AddHila(anatomy, attenuation, random);

        // Bones, airways and vessels, each family in its own plane.
        var layer = scratch;
        AddStrokes(anatomy.PosteriorRibs, StrokeProfile.Cortical, random.Uniform(0.07f, 0.15f), layer, attenuation, anatomy, lungWeight: null);
        AddStrokes(anatomy.AnteriorRibs, StrokeProfile.Cortical, random.Uniform(0.04f, 0.07f), layer, attenuation, anatomy, lungWeight: null);
        AddStrokes(anatomy.Clavicles, StrokeProfile.Cortical, random.Uniform(0.13f, 0.19f), layer, attenuation, anatomy, lungWeight: null);
        AddStrokes(anatomy.Airways, StrokeProfile.Tube, -random.Uniform(0.06f, 0.1f), layer, attenuation, anatomy, lungWeight: null);
        AddStrokes(anatomy.Vessels, StrokeProfile.Tube, random.Uniform(0.2f, 0.3f), layer, attenuation, anatomy, lungWeight: lung);

        AddFilledShapes(anatomy.Breasts, anatomy.BreastDensity, 0.012f * s, layer, attenuation, anatomy);
        if (anatomy.GastricBubble is { } bubble)
            AddFilledShapes([bubble], -random.Uniform(0.1f, 0.22f), 0.004f * s, layer, attenuation, anatomy);
        AddNodules(anatomy, attenuation);

        // Acquisition and display: unsharpness, veiling glare (scatter spreads a little of every pixel's signal far
        // around it), tone curve, illumination, grain.
        GaussianBlur.Apply(attenuation, n, n, random.Uniform(0.55f, 1.3f) * pixelScale);
        var glare = (float[])attenuation.Clone();
        GaussianBlur.Apply(glare, n, n, 0.08f * s);
        float glareShare = random.Uniform(0.1f, 0.25f);
        for (int i = 0; i < count; i++)
            attenuation[i] += glareShare * (glare[i] - attenuation[i]);
        float window = random.Uniform(0.88f, 1.12f);
        float level = random.Normal(0f, 0.035f);
        var gamma = new GammaCurve(MathF.Exp(random.Normal(0f, 0.16f)));
        float gradientAngle = random.Angle();
        float gradient = random.Uniform(0f, 0.09f);
        float gx = gradient * MathF.Cos(gradientAngle), gy = gradient * MathF.Sin(gradientAngle);
        for (int y = 0; y < n; y++)
        {
            float v = (y + 0.5f) / s - 0.5f;
            for (int x = 0; x < n; x++)
            {
                float u = (x + 0.5f) / s - 0.5f;
                int i = y * n + x;
                float value = Math.Clamp((attenuation[i] - 0.5f) * window + 0.5f + level, 0f, 1f);
                attenuation[i] = gamma.Apply(value) + gx * u + gy * v;
            }
        }
        NoiseFields.AddGrain(attenuation, n, n, random, 0.7f, random.Uniform(0.008f, 0.025f));
        for (int i = 0; i < count; i++)
            attenuation[i] = Math.Clamp(attenuation[i], 0f, 1f);
        return attenuation;
    }

    /// <summary>
    /// Soft tissue: the body is a cylinder-like slab (thickest at the midline) narrowing above the shoulders to the
    /// neck; outside it the film is directly exposed and nearly black.
    /// </summary>
    private static void AddBody(ChestAnatomy anatomy, float[] attenuation)
    {
        int n = anatomy.Size;
        float edge = 0.012f * n;
        for (int y = 0; y < n; y++)
        {
            float t = Math.Clamp((y + 0.5f) / anatomy.ShoulderY, 0f, 1f);
            float shoulder = t * t * (3f - 2f * t);
            float halfWidth = anatomy.NeckHalfWidth + (anatomy.BodyHalfWidth - anatomy.NeckHalfWidth) * shoulder;
            float girdle = Math.Clamp((anatomy.ApexY + 0.12f * n - y) / (0.14f * n), 0f, 1f);
            for (int x = 0; x < n; x++)
            {
                float offset = MathF.Abs(x + 0.5f - anatomy.CenterX);
                float inside = Math.Clamp((halfWidth - offset) / edge + 0.5f, 0f, 1f);
                float r = Math.Min(offset / halfWidth, 1f);
                float thickness = MathF.Sqrt(1f - r * r);
                attenuation[y * n + x] = 0.05f + inside * (0.12f + 0.6f * thickness + 0.08f * girdle);
            }
        }
    }

    /// <summary>
    /// The thoracic spine behind the mediastinum: a vertical band of vertebral bodies separated by darker discs,
    /// seen faintly through the heart and plainly below the diaphragm.
    /// </summary>
    private static void AddSpine(ChestAnatomy anatomy, float[] attenuation, PhantomRandom random)
    {
        int n = anatomy.Size;
        float density = random.Uniform(0.025f, 0.055f);
        float phase = random.Uniform(0f, anatomy.VertebraPitch);
        float discHalf = 0.12f * anatomy.VertebraPitch;
        for (int y = 0; y < n; y++)
        {
            float within = (y + phase) % anatomy.VertebraPitch;
            float disc = Math.Clamp((MathF.Abs(within - 0.5f * anatomy.VertebraPitch) - (0.5f * anatomy.VertebraPitch - discHalf)) / discHalf, 0f, 1f);
            float rowDensity = density * (1f - 0.45f * disc);
            for (int x = 0; x < n; x++)
            {
                float r = MathF.Abs(x + 0.5f - anatomy.CenterX) / anatomy.SpineHalfWidth;
                if (r < 1.3f)
                    attenuation[y * n + x] += rowDensity * Math.Clamp((1.3f - r) / 0.4f, 0f, 1f) * (0.8f + 0.2f * r * r);
            }
        }
    }

    /// <summary>Hilar shadows: the pulmonary arteries and main bronchi bundled where they enter each lung.</summary>
    private static void AddHila(ChestAnatomy anatomy, float[] attenuation, PhantomRandom random)
    {
        int n = anatomy.Size;
        float density = random.Uniform(0.04f, 0.08f);
        float radius = random.Uniform(0.03f, 0.045f) * n;
        foreach (var (hx, hy) in anatomy.Hila)
        {
            int x0 = Math.Max((int)(hx - 3 * radius), 0), x1 = Math.Min((int)(hx + 3 * radius), n - 1);
            int y0 = Math.Max((int)(hy - 3 * radius), 0), y1 = Math.Min((int)(hy + 3 * radius), n - 1);
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    float dx = (x + 0.5f - hx) / radius, dy = (y + 0.5f - hy) / (1.5f * radius);
                    attenuation[y * n + x] += density * MathF.Exp(-0.5f * (dx * dx + dy * dy));
                }
            }
        }
    }

    private static void AddStrokes(StrokePath[] paths, StrokeProfile profile, float density, float[] layer, float[] attenuation,
        ChestAnatomy anatomy, float[]? lungWeight)
    {
        int n = anatomy.Size;
        Array.Clear(layer);
        foreach (var path in paths)
            path.DrawInto(layer, n, n, profile);
        for (int i = 0; i < layer.Length; i++)
        {
            if (layer[i] != 0f)
                attenuation[i] += density * layer[i] * (lungWeight is null ? 1f : lungWeight[i]);
        }
    }

    private static void AddFilledShapes(Polygon[] shapes, float density, float softness, float[] layer, float[] attenuation, ChestAnatomy anatomy)
    {
        if (shapes.Length == 0)
            return;
        int n = anatomy.Size;
        var union = new float[layer.Length];
        foreach (var shape in shapes)
        {
            PolygonRasterizer.Coverage(shape, n, n, layer);
            for (int i = 0; i < layer.Length; i++)
                union[i] = Math.Max(union[i], layer[i]);
        }
        GaussianBlur.Apply(union, n, n, softness);
        for (int i = 0; i < union.Length; i++)
            attenuation[i] += density * union[i];
    }

    /// <summary>Nodules: projected spheres, √(1 − (d/r)²), with a soft edge.</summary>
    private static void AddNodules(ChestAnatomy anatomy, float[] attenuation)
    {
        int n = anatomy.Size;
        foreach (var nodule in anatomy.Nodules)
        {
            int x0 = Math.Max((int)(nodule.X - nodule.Radius - 2), 0), x1 = Math.Min((int)(nodule.X + nodule.Radius + 2), n - 1);
            int y0 = Math.Max((int)(nodule.Y - nodule.Radius - 2), 0), y1 = Math.Min((int)(nodule.Y + nodule.Radius + 2), n - 1);
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    float dx = x + 0.5f - nodule.X, dy = y + 0.5f - nodule.Y;
                    float r = MathF.Sqrt(dx * dx + dy * dy) / (nodule.Radius + 0.5f);
                    if (r < 1f)
                        attenuation[y * n + x] += nodule.Strength * MathF.Sqrt(1f - r * r);
                }
            }
        }
    }
}
