using Nlce.Data.Phantoms.Rendering;

namespace Nlce.Data.Phantoms.Skin;

/// <summary>
/// The random content of one dermoscopy phantom, in pixels: skin tone, the pigmented lesion (its contour, its
/// colours and internal structures, how soft its border is), the contour a human annotator would draw around it,
/// hairs, air bubbles and specular glare under the contact plate, and the dermoscope's circular field of view.
/// Ranges follow what the ISBI 2016 (ISIC) images show: lesions covering roughly 10–50 % of the frame, mostly on
/// light skin, borders from sharp to very diffuse, frequent hair and dark corners.
/// </summary>
internal sealed class DermoscopyScene
{
    public required int Size { get; init; }

    /// <summary>Skin colour (linear R, G, B in [0, 1]) before texture and lighting.</summary>
    public required (float R, float G, float B) SkinColour { get; init; }

    /// <summary>The lesion's true outline; the image fades across it with <see cref="BorderSoftness"/>.</summary>
    public required Polygon Lesion { get; init; }

    /// <summary>The outline the annotator drew: the true one, displaced where the border is too soft to place exactly.</summary>
    public required Polygon AnnotatedLesion { get; init; }

    public required float LesionCenterX { get; init; }
    public required float LesionCenterY { get; init; }
    public required float LesionRadius { get; init; }

    /// <summary>Standard deviation (pixels) of the blur across the lesion border where it is sharpest.</summary>
    public required float BorderSoftness { get; init; }

    /// <summary>How much softer (factor) the border becomes in the parts where it fades most.</summary>
    public required float BorderSoftnessSpread { get; init; }

    /// <summary>Peak opacity of the pigment over the skin; below ~0.6 the lesion has low contrast.</summary>
    public required float Opacity { get; init; }

    /// <summary>Per-channel transmission (skin colour is multiplied by it) of the lightest and darkest pigment.</summary>
    public required (float R, float G, float B) LightPigment { get; init; }
    public required (float R, float G, float B) DarkPigment { get; init; }

    /// <summary>Strength of the dark reticular pigment network (0: none) and its cell size in pixels.</summary>
    public required float NetworkStrength { get; init; }
    public required float NetworkCell { get; init; }

    /// <summary>Strength of a blue-grey veil over part of the lesion (0: none).</summary>
    public required float VeilStrength { get; init; }

    /// <summary>Dark dots and globules inside the lesion: (x, y, radius) in pixels.</summary>
    public required (float X, float Y, float Radius)[] Globules { get; init; }

    public required StrokePath[] Hairs { get; init; }
    public required (float R, float G, float B) HairColour { get; init; }

    /// <summary>Air bubbles under the contact plate: (x, y, radius) in pixels.</summary>
    public required (float X, float Y, float Radius)[] Bubbles { get; init; }

    /// <summary>Small specular reflections: (x, y, radius) in pixels.</summary>
    public required (float X, float Y, float Radius)[] Glints { get; init; }

    /// <summary>Field of view of the dermoscope: centre, radius and edge width in pixels; outside it the image is dark.</summary>
    public required float FieldX { get; init; }
    public required float FieldY { get; init; }
    public required float FieldRadius { get; init; }
    public required float FieldEdge { get; init; }

    /// <summary>Samples a new scene from <paramref name="random"/> for a square image of <paramref name="size"/> pixels.</summary>
    public static DermoscopyScene Sample(PhantomRandom random, int size)
    {
        float s = size;

        // Lesion: an ellipse (random aspect and orientation) whose radius is modulated by several Fourier modes.
        float area = random.Uniform(0.08f, 0.45f);
        float radius = MathF.Sqrt(area / MathF.PI) * s;
        float aspect = random.Uniform(0.7f, 1f);
        float orientation = random.Angle();
        float cx = (0.5f + random.Normal(0f, 0.05f)) * s, cy = (0.5f + random.Normal(0f, 0.05f)) * s;
        var contour = FourierProfile.Random(random, 2, 9, random.Uniform(0.05f, 0.11f), 0.7f, 0.45f);
        float a = radius / MathF.Sqrt(aspect), b = radius * MathF.Sqrt(aspect);
        Func<float, float> trueRadius = theta => Polygon.EllipseRadius(theta - orientation, a, b) * contour.At(theta);
        var lesion = Polygon.Radial(cx, cy, 240, trueRadius);

        // Border: a third sharp, a third moderately blurred, a third very diffuse.
        float pixel = s / 256f;
        float softness = random.Integer(0, 3) switch
        {
            0 => random.Uniform(0.4f, 1.2f) * pixel,
            1 => random.Uniform(0.01f, 0.03f) * s,
            _ => random.Uniform(0.03f, 0.07f) * s,
        };
        // The annotator's outline wanders around the true one by up to about one border width.
        var wander = FourierProfile.Random(random, 1, 5, 1f, 0.5f, 2f);
        float wanderScale = 0.6f * softness + 0.004f * s;
        var annotated = Polygon.Radial(cx, cy, 240, theta => Math.Max(trueRadius(theta) + wanderScale * (wander.At(theta) - 1f), 1f));

        bool lowContrast = random.Chance(0.2);
        float darkness = random.Uniform(0.1f, 1f);
        var light = Lerp((0.80f, 0.66f, 0.56f), (0.55f, 0.40f, 0.30f), darkness);
        var dark = Lerp((0.50f, 0.34f, 0.25f), (0.16f, 0.10f, 0.08f), darkness);
        if (lowContrast)
        {
            // Faint, often pinkish lesions (little melanin) barely stand out from the skin.
            light = Lerp(light, (0.97f, 0.82f, 0.84f), 0.6f);
            dark = Lerp(dark, (0.85f, 0.6f, 0.62f), 0.5f);
        }

        var globules = new List<(float, float, float)>();
        if (random.Chance(0.4))
        {
            int count = random.Integer(8, 40);
            for (int i = 0; i < count; i++)
            {
                float r = MathF.Sqrt(random.Uniform(0f, 0.8f)) * radius * aspect, t = random.Angle();
                globules.Add((cx + r * MathF.Cos(t), cy + r * MathF.Sin(t), random.Uniform(0.004f, 0.011f) * s));
            }
        }

        float fieldRadius = random.Chance(0.3) ? random.Uniform(0.8f, 1f) * s : random.Uniform(0.5f, 0.7f) * s;
        return new DermoscopyScene
        {
            Size = size,
            SkinColour = SampleSkinColour(random),
            Lesion = lesion,
            AnnotatedLesion = annotated,
            LesionCenterX = cx,
            LesionCenterY = cy,
            LesionRadius = radius,
            BorderSoftness = softness,
            BorderSoftnessSpread = random.Uniform(1.3f, 3f),
            Opacity = lowContrast ? random.Uniform(0.35f, 0.6f) : random.Uniform(0.75f, 1f),
            LightPigment = light,
            DarkPigment = dark,
            NetworkStrength = random.Chance(0.6) ? random.Uniform(0.15f, 0.35f) : 0f,
            NetworkCell = random.Uniform(0.03f, 0.05f) * s,
            VeilStrength = random.Chance(0.25) ? random.Uniform(0.2f, 0.5f) : 0f,
            Globules = [.. globules],
            Hairs = SampleHairs(random, s),
            HairColour = Lerp((0.22f, 0.16f, 0.12f), (0.05f, 0.04f, 0.04f), random.Uniform(0f, 1f)),
            Bubbles = random.Chance(0.25) ? Circles(random, s, random.Integer(1, 7), 0.01f, 0.05f) : [],
            Glints = random.Chance(0.3) ? Circles(random, s, random.Integer(1, 5), 0.003f, 0.01f) : [],
            FieldX = (0.5f + random.Normal(0f, 0.03f)) * s,
            FieldY = (0.5f + random.Normal(0f, 0.03f)) * s,
            FieldRadius = fieldRadius,
            FieldEdge = random.Uniform(0.01f, 0.04f) * s,
        };
    }

    /// <summary>
    /// Skin from very fair to dark brown (skewed towards light, as in ISIC), with a random white-balance cast.
    /// </summary>
    private static (float R, float G, float B) SampleSkinColour(PhantomRandom random)
    {
        ReadOnlySpan<float> r = [0.97f, 0.92f, 0.78f, 0.50f];
        ReadOnlySpan<float> g = [0.80f, 0.70f, 0.54f, 0.33f];
        ReadOnlySpan<float> b = [0.74f, 0.60f, 0.42f, 0.24f];
        float tone = MathF.Pow(random.Uniform(0f, 1f), 1.6f) * (r.Length - 1);
        int k = Math.Min((int)tone, r.Length - 2);
        float f = tone - k;
        float castR = random.Normal(1f, 0.03f), castB = random.Normal(1f, 0.04f);
        return ((r[k] + f * (r[k + 1] - r[k])) * castR, g[k] + f * (g[k + 1] - g[k]), (b[k] + f * (b[k + 1] - b[k])) * castB);
    }

    /// <summary>
    /// Hairs (none in about half of the images): smooth dark curves of constant curvature plus a little wander,
    /// starting anywhere (also outside the frame) and tapering at the ends.
    /// </summary>
    private static StrokePath[] SampleHairs(PhantomRandom random, float s)
    {
        if (random.Chance(0.45))
            return [];
        int count = 1 + (int)(24f * MathF.Pow(random.Uniform(0f, 1f), 2.2f));
        var hairs = new StrokePath[count];
        for (int h = 0; h < count; h++)
        {
            const int segments = 40;
            float x = random.Uniform(-0.1f, 1.1f) * s, y = random.Uniform(-0.1f, 1.1f) * s;
            float angle = random.Angle();
            float length = random.Uniform(0.25f, 1.1f) * s;
            float curvature = random.Normal(0f, 1.2f) / length;
            float halfWidth = random.Uniform(0.0025f, 0.0055f) * s;
            float strength = random.Uniform(0.7f, 1f);
            var xs = new float[segments + 1];
            var ys = new float[segments + 1];
            var widths = new float[segments + 1];
            var strengths = new float[segments + 1];
            float step = length / segments;
            for (int i = 0; i <= segments; i++)
            {
                float t = i / (float)segments;
                xs[i] = x;
                ys[i] = y;
                float taper = Math.Min(1f, Math.Min(t, 1f - t) / 0.08f);
                widths[i] = halfWidth * (0.4f + 0.6f * taper);
                strengths[i] = strength * (0.3f + 0.7f * taper);
                angle += curvature * step + random.Normal(0f, 0.02f);
                x += step * MathF.Cos(angle);
                y += step * MathF.Sin(angle);
            }
            hairs[h] = new StrokePath(xs, ys, widths, strengths);
        }
        return hairs;
    }

    private static (float X, float Y, float Radius)[] Circles(PhantomRandom random, float s, int count, float minRadius, float maxRadius)
    {
        var circles = new (float, float, float)[count];
        for (int i = 0; i < count; i++)
            circles[i] = (random.Uniform(0.1f, 0.9f) * s, random.Uniform(0.1f, 0.9f) * s, random.Uniform(minRadius, maxRadius) * s);
        return circles;
    }

    private static (float R, float G, float B) Lerp((float R, float G, float B) from, (float R, float G, float B) to, float t) =>
        (from.R + t * (to.R - from.R), from.G + t * (to.G - from.G), from.B + t * (to.B - from.B));
}
