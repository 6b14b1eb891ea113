using Nlce.Data.Phantoms.Rendering;

namespace Nlce.Data.Phantoms.Skin;

/// <summary>
/// Renders a <see cref="DermoscopyScene"/> as a planar RGB image in [0, 1]: textured skin (mottling, erythema, fine
/// grain, furrows, pores), the lesion as pigment that filters the skin colour (lighter and darker blotches, a darker
/// centre, a reticular network, dots and globules, sometimes a blue-grey veil) fading across a border of varying
/// softness, hairs over everything, air bubbles and glints of the contact plate, then the dermoscope's circular
/// field of view, uneven lighting, a per-image gamma and sensor noise.
/// </summary>
internal static class DermoscopyRenderer
{
    public static float[] Render(DermoscopyScene scene, PhantomRandom random)
    {
        int n = scene.Size;
        float s = n;
        int count = n * n;
        var pixels = new float[3 * count];
        var red = pixels.AsSpan(0, count);
        var green = pixels.AsSpan(count, count);
        var blue = pixels.AsSpan(2 * count, count);

        PaintSkin(scene, random, pixels);
        ApplyLesion(scene, random, pixels);

        // Hairs lie on top of skin and lesion.
        if (scene.Hairs.Length > 0)
        {
            var hair = new float[count];
            foreach (var path in scene.Hairs)
                path.DrawInto(hair, n, n, StrokeProfile.Solid);
            var (hr, hg, hb) = scene.HairColour;
            for (int i = 0; i < count; i++)
            {
                float h = hair[i];
                if (h == 0f)
                    continue;
                red[i] += h * (hr - red[i]);
                green[i] += h * (hg - green[i]);
                blue[i] += h * (hb - blue[i]);
            }
        }

        AddBubblesAndGlints(scene, pixels);
        ApplyOptics(scene, random, pixels);
        return pixels;
    }

    private static void PaintSkin(DermoscopyScene scene, PhantomRandom random, float[] pixels)
    {
        int n = scene.Size;
        float s = n;
        int count = n * n;
        var shade = new float[count];
        NoiseFields.AddFractal(shade, n, n, random, 0.3f * s, 3, 0.05f);
        NoiseFields.AddFractal(shade, n, n, random, 0.02f * s, 2, 0.03f);
        var erythema = new float[count];
        NoiseFields.AddFractal(erythema, n, n, random, 0.2f * s, 3, random.Uniform(0.03f, 0.08f));

        // Furrows: two families of fine wavy lines crossing at an angle, as in the skin's surface relief.
        float spacing = random.Uniform(0.035f, 0.06f) * s;
        float angle1 = random.Angle(), angle2 = angle1 + random.Uniform(1.0f, 2.0f);
        float depth = random.Uniform(0.01f, 0.035f);
        var warp = new float[count];
        NoiseFields.AddFractal(warp, n, n, random, 0.08f * s, 2, 0.6f * spacing);
        float c1 = MathF.Cos(angle1) / spacing, s1 = MathF.Sin(angle1) / spacing;
        float c2 = MathF.Cos(angle2) / spacing, s2 = MathF.Sin(angle2) / spacing;

        // Pores and follicles: small dark dots strewn over the skin.
        var pores = new float[count];
        int poreCount = count / 350;
        var xs = new float[2];
        var ys = new float[2];
        var widths = new float[2];
        var strengths = new float[2];
        for (int p = 0; p < poreCount; p++)
        {
            xs[0] = xs[1] = random.Uniform(0f, s);
            ys[0] = ys[1] = random.Uniform(0f, s);
            widths[0] = widths[1] = random.Uniform(0.002f, 0.005f) * s;
            strengths[0] = strengths[1] = random.Uniform(0.04f, 0.12f);
            StrokeRenderer.Draw(pores, n, n, xs, ys, widths, strengths, StrokeProfile.Tube);
        }

        var (r, g, b) = scene.SkinColour;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                int i = y * n + x;
                float w = warp[i] / spacing;
                float d1 = LineDistance(x * c1 + y * s1 + w), d2 = LineDistance(x * c2 + y * s2 - w);
                float furrow = depth * (Bump(d1 * d1 * 15f) + 0.7f * Bump(d2 * d2 * 15f));
                float lightness = (1f + shade[i]) * (1f - furrow) * (1f - pores[i]);
                float e = erythema[i];
                pixels[i] = r * lightness * (1f + 0.5f * e);
                pixels[count + i] = g * lightness * (1f - 0.6f * e) * (1f - 0.3f * pores[i]);
                pixels[2 * count + i] = b * lightness * (1f - 0.4f * e) * (1f - 0.5f * pores[i]);
            }
        }
    }

    private static float LineDistance(float phase) => MathF.Abs(phase - MathF.Round(phase));

    /// <summary>A smooth bump (1 − q)² for q &lt; 1, else 0: a cheap stand-in for exp(−2q) in line profiles.</summary>
    private static float Bump(float q) => q < 1f ? (1f - q) * (1f - q) : 0f;

    /// <summary>
    /// Pigment: each skin channel is multiplied by 1 − α + α·T, where α is the lesion's opacity map (its coverage
    /// blurred by a border softness that varies along the contour) and T the local transmission of the pigment.
    /// </summary>
    private static void ApplyLesion(DermoscopyScene scene, PhantomRandom random, float[] pixels)
    {
        int n = scene.Size;
        int count = n * n;
        var coverage = new float[count];
        PolygonRasterizer.Coverage(scene.Lesion, n, n, coverage);

        var sharp = (float[])coverage.Clone();
        GaussianBlur.Apply(sharp, n, n, scene.BorderSoftness);
        var soft = (float[])coverage.Clone();
        GaussianBlur.Apply(soft, n, n, scene.BorderSoftness * scene.BorderSoftnessSpread);
        var softWeight = new float[count];
        NoiseFields.AddFractal(softWeight, n, n, random, 0.6f * scene.LesionRadius, 2, 1.2f);

        var thickness = coverage;
        GaussianBlur.Apply(thickness, n, n, 0.35f * scene.LesionRadius);
        var blotches = new float[count];
        NoiseFields.AddFractal(blotches, n, n, random, 0.45f * scene.LesionRadius, 3, 0.45f);
        float[]? veil = null;
        if (scene.VeilStrength > 0f)
        {
            veil = new float[count];
            NoiseFields.AddFractal(veil, n, n, random, 0.5f * scene.LesionRadius, 2, 1f);
        }
        float[]? networkPresence = null, warpX = null, warpY = null;
        PigmentNetwork? network = null;
        if (scene.NetworkStrength > 0f)
        {
            networkPresence = new float[count];
            NoiseFields.AddFractal(networkPresence, n, n, random, 0.5f * scene.LesionRadius, 2, 1f);
            network = new PigmentNetwork(random, scene.NetworkCell, n);
            // The network's meshes are irregular: warp its coordinates by a smooth field of about half a cell.
            warpX = new float[count];
            warpY = new float[count];
            NoiseFields.AddFractal(warpX, n, n, random, 1.5f * scene.NetworkCell, 2, 0.45f * scene.NetworkCell);
            NoiseFields.AddFractal(warpY, n, n, random, 1.5f * scene.NetworkCell, 2, 0.45f * scene.NetworkCell);
        }

        float[]? globules = null;
        if (scene.Globules.Length > 0)
        {
            globules = new float[count];
            var gx = new float[2];
            var gy = new float[2];
            var gw = new float[2];
            var gs = new float[2];
            foreach (var (x, y, radius) in scene.Globules)
            {
                gx[0] = gx[1] = x;
                gy[0] = gy[1] = y;
                gw[0] = gw[1] = radius;
                gs[0] = gs[1] = 1f;
                StrokeRenderer.Draw(globules, n, n, gx, gy, gw, gs, StrokeProfile.Tube);
            }
        }

        var light = scene.LightPigment;
        var dark = scene.DarkPigment;
        (float R, float G, float B) veilColour = (0.48f, 0.52f, 0.62f);
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                int i = y * n + x;
                float w = Math.Clamp(0.5f + softWeight[i], 0f, 1f);
                float alpha = scene.Opacity * (sharp[i] + w * (soft[i] - sharp[i]));
                if (alpha < 1e-4f)
                    continue;
                float darkness = Math.Clamp(0.15f + 0.7f * thickness[i] + blotches[i], 0f, 1f);
                float tr = light.R + darkness * (dark.R - light.R);
                float tg = light.G + darkness * (dark.G - light.G);
                float tb = light.B + darkness * (dark.B - light.B);
                if (veil is not null)
                {
                    float v = scene.VeilStrength * Math.Clamp(veil[i] + thickness[i] - 0.6f, 0f, 1f);
                    tr += v * (veilColour.R - tr);
                    tg += v * (veilColour.G - tg);
                    tb += v * (veilColour.B - tb);
                }
                // Network lines and globules are brown-black pigment: they absorb blue and green more than red.
                float pigment = globules is null ? 0f : 0.7f * globules[i];
                if (network is not null)
                    pigment += scene.NetworkStrength * Math.Clamp(0.6f + networkPresence![i], 0f, 1f) * network.LineAt(x + 0.5f + warpX![i], y + 0.5f + warpY![i]);
                pigment = Math.Min(pigment, 0.9f);
                pixels[i] *= 1f - alpha + alpha * tr * (1f - 0.8f * pigment);
                pixels[count + i] *= 1f - alpha + alpha * tg * (1f - pigment);
                pixels[2 * count + i] *= 1f - alpha + alpha * tb * (1f - Math.Min(1.1f * pigment, 0.95f));
            }
        }
    }

    /// <summary>Air bubbles (bright thin rim, slightly brighter inside, a highlight) and glints (small white spots).</summary>
    private static void AddBubblesAndGlints(DermoscopyScene scene, float[] pixels)
    {
        int n = scene.Size;
        int count = n * n;
        if (scene.Bubbles.Length == 0 && scene.Glints.Length == 0)
            return;
        var brightness = new float[count];
        foreach (var (x, y, radius) in scene.Bubbles)
        {
            Disc(brightness, n, x, y, radius, d => 0.08f + 0.7f * MathF.Exp(-MathF.Pow((d - 0.92f) / 0.06f, 2f)));
            Disc(brightness, n, x - 0.4f * radius, y - 0.4f * radius, 0.18f * radius, _ => 0.9f);
        }
        foreach (var (x, y, radius) in scene.Glints)
            Disc(brightness, n, x, y, radius, d => 0.95f * (1f - d * d));
        for (int i = 0; i < count; i++)
        {
            float b = brightness[i];
            if (b == 0f)
                continue;
            for (int c = 0; c < 3; c++)
                pixels[c * count + i] += b * (1f - pixels[c * count + i]);
        }
    }

    /// <summary>Writes max(current, value(d)) for pixels at normalised distance d &lt; 1 from the centre, anti-aliased at the rim.</summary>
    private static void Disc(float[] plane, int n, float cx, float cy, float radius, Func<float, float> value)
    {
        int x0 = Math.Max((int)(cx - radius - 1), 0), x1 = Math.Min((int)(cx + radius + 1), n - 1);
        int y0 = Math.Max((int)(cy - radius - 1), 0), y1 = Math.Min((int)(cy + radius + 1), n - 1);
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                float dx = x + 0.5f - cx, dy = y + 0.5f - cy;
                float distance = MathF.Sqrt(dx * dx + dy * dy);
                float edge = Math.Clamp(radius + 0.5f - distance, 0f, 1f);
                if (edge <= 0f)
                    continue;
                float v = edge * value(Math.Min(distance / radius, 1f));
                ref float target = ref plane[y * n + x];
                if (v > target)
                    target = v;
            }
        }
    }

    /// <summary>
    /// The dermoscope: a dark surround outside the circular field of view, light falling off towards its rim and a
    /// gentle gradient across it; then optical blur, a per-image gamma and correlated sensor noise per channel.
    /// </summary>
    private static void ApplyOptics(DermoscopyScene scene, PhantomRandom random, float[] pixels)
    {
        int n = scene.Size;
        float s = n;
        int count = n * n;
        float falloff = random.Uniform(0.1f, 0.35f);
        float gradientAngle = random.Angle();
        float gradient = random.Uniform(0f, 0.12f);
        float gxs = gradient * MathF.Cos(gradientAngle) / s, gys = gradient * MathF.Sin(gradientAngle) / s;
        float surround = random.Uniform(0.01f, 0.06f);
        var light = new float[count];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                float dx = x + 0.5f - scene.FieldX, dy = y + 0.5f - scene.FieldY;
                float r = MathF.Sqrt(dx * dx + dy * dy) / scene.FieldRadius;
                float inside = Math.Clamp((scene.FieldRadius - r * scene.FieldRadius) / scene.FieldEdge + 0.5f, 0f, 1f);
                float r2 = Math.Min(r * r, 1f);
                float lit = (1f - falloff * r2 * r2) * (1f + gxs * (x - 0.5f * s) + gys * (y - 0.5f * s));
                light[y * n + x] = surround + inside * (lit - surround);
            }
        }
        var gamma = new GammaCurve(MathF.Exp(random.Normal(0f, 0.1f)));
        float noise = random.Uniform(0.006f, 0.02f);
        var plane = new float[count];
        for (int c = 0; c < 3; c++)
        {
            pixels.AsSpan(c * count, count).CopyTo(plane);
            for (int i = 0; i < count; i++)
                plane[i] *= light[i];
            GaussianBlur.Apply(plane, n, n, 0.5f * s / 256f);
            NoiseFields.AddGrain(plane, n, n, random, 0.6f, noise);
            for (int i = 0; i < count; i++)
                pixels[c * count + i] = gamma.Apply(plane[i]);
        }
    }
}
