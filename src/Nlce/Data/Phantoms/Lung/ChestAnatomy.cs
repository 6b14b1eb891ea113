using Nlce.Data.Phantoms.Rendering;

namespace Nlce.Data.Phantoms.Lung;

/// <summary>
/// The random geometry of one postero-anterior chest radiograph phantom, in pixels: the outline of the body, the two
/// lung fields, the heart and aortic knob that overlap them, the bones (posterior and anterior ribs, clavicles,
/// spine), the airways and pulmonary vessels, and the optional extras (breast shadows, gastric bubble, nodules).
/// Radiological convention: the patient's right lung is on the image's left, the heart bulges to the image's right.
/// Proportions follow a typical adult PA film as in the JSRT database (lung fields ≈ 20–35 % of the film, cardiac
/// width ≈ 40–50 % of the thoracic width, posterior rib spacing ≈ 6 % of the film height).
/// </summary>
internal sealed class ChestAnatomy
{
    private ChestAnatomy(int size) => Size = size;

    public int Size { get; }

    // Body silhouette: half-widths (pixels) below the shoulders and at the neck, height where the shoulders end.
    public float CenterX { get; private init; }
    public float BodyHalfWidth { get; private init; }
    public float NeckHalfWidth { get; private init; }
    public float ShoulderY { get; private init; }

    /// <summary>Height of the lung apices; the shoulder girdle muscles thicken the soft tissue above it.</summary>
    public float ApexY { get; private init; }

    /// <summary>Centres of the two hila, where the pulmonary arteries and main bronchi enter the lungs.</summary>
    public required (float X, float Y)[] Hila { get; init; }

    /// <summary>Lung field contours: [0] the image-left (patient's right) lung, [1] the image-right lung.</summary>
    public required Polygon[] Lungs { get; init; }
    public required Polygon Heart { get; init; }
    public required Polygon AorticKnob { get; init; }

    /// <summary>
    /// The outlines an observer drew for the mask: the lung fields, heart and aortic knob above, each displaced along
    /// its border by a smooth wander of about 0.5 % of the film (≈ 1.3 pixels at 256²). SCR has two observers whose
    /// outlines differ by a few pixels, so a mask is never an exact function of the image.
    /// </summary>
    public required Polygon[] AnnotatedLungs { get; init; }
    public required Polygon AnnotatedHeart { get; init; }
    public required Polygon AnnotatedAorticKnob { get; init; }

    public required StrokePath[] PosteriorRibs { get; init; }
    public required StrokePath[] AnteriorRibs { get; init; }
    public required StrokePath[] Clavicles { get; init; }
    public required StrokePath[] Airways { get; init; }
    public required StrokePath[] Vessels { get; init; }

    public float SpineHalfWidth { get; private init; }
    public float VertebraPitch { get; private init; }

    /// <summary>Breast shadows over the lower lung fields; empty when the phantom has none.</summary>
    public required Polygon[] Breasts { get; init; }
    public float BreastDensity { get; private init; }

    /// <summary>Solitary pulmonary nodules (about one chest in two has one), each inside a lung field.</summary>
    public required Nodule[] Nodules { get; init; }

    /// <summary>Gas bubble of the stomach under the image-right hemidiaphragm, if any.</summary>
    public Polygon? GastricBubble { get; private init; }

    /// <summary>Samples a new chest from <paramref name="random"/> for a square film of <paramref name="size"/> pixels.</summary>
    public static ChestAnatomy Sample(PhantomRandom random, int size)
    {
        float s = size;
        float cx = 0.5f + random.Normal(0f, 0.012f);
        float thoraxHalf = random.Uniform(0.35f, 0.41f);
        float apexY = random.Uniform(0.09f, 0.16f);
        float domeY = random.Uniform(0.63f, 0.71f);
        float leftDomeDrop = random.Uniform(0.01f, 0.045f);

        var rightLung = SampleLungField(random, s, lateral: cx - thoraxHalf + random.Uniform(0f, 0.015f),
            medial: cx - random.Uniform(0.035f, 0.065f), top: apexY + random.Uniform(0f, 0.015f), domeTop: domeY,
            costophrenic: domeY + random.Uniform(0.06f, 0.1f));
        float leftMedial = cx + random.Uniform(0.025f, 0.055f);
        var leftLung = SampleLungField(random, s, lateral: cx + thoraxHalf - random.Uniform(0f, 0.015f),
            medial: leftMedial, top: apexY + random.Uniform(0f, 0.025f), domeTop: domeY + leftDomeDrop,
            costophrenic: domeY + leftDomeDrop + random.Uniform(0.06f, 0.1f));

        // Heart: a tilted egg sitting on the diaphragm, centred right of the midline; its long axis points to the
        // image's lower right (the cardiac apex), so it hides the inner lower part of the image-right lung.
        float heartX = cx + random.Uniform(0.035f, 0.075f);
        float heartY = domeY + 0.5f * leftDomeDrop - random.Uniform(0.035f, 0.075f);
        float heartA = random.Uniform(0.125f, 0.17f), heartB = random.Uniform(0.11f, 0.14f);
        float heartTilt = random.Uniform(0.25f, 0.55f);
        var heartShape = FourierProfile.Random(random, 2, 4, 0.035f, 1f, 0.12f);
        var heart = Polygon.Radial(heartX * s, heartY * s, 120, theta =>
            Polygon.EllipseRadius(theta - heartTilt, heartA * s, heartB * s) * heartShape.At(theta));

        // Aortic knob: the arch seen end-on, bulging a little past the upper left mediastinal border.
        float knobRadius = random.Uniform(0.025f, 0.04f);
        var knobShape = FourierProfile.Random(random, 2, 3, 0.04f, 1f, 0.1f);
        var aorticKnob = Polygon.Radial((leftMedial + random.Uniform(-0.012f, 0.008f)) * s, (apexY + random.Uniform(0.17f, 0.22f)) * s, 64,
            theta => knobRadius * s * knobShape.At(theta));

        float bodyHalf = random.Uniform(0.45f, 0.56f);
        float hilumY = apexY + 0.42f * (domeY - apexY);
        var rightHilum = (X: (cx - random.Uniform(0.09f, 0.12f)) * s, Y: (hilumY + random.Uniform(-0.02f, 0.02f)) * s);
        var leftHilum = (X: (cx + random.Uniform(0.08f, 0.11f)) * s, Y: (hilumY + random.Uniform(-0.03f, 0.01f)) * s);

        var vessels = new List<StrokePath>();
        SampleVesselTree(random, s, rightHilum.X, rightHilum.Y, lateralAngle: MathF.PI, vessels);
        SampleVesselTree(random, s, leftHilum.X, leftHilum.Y, lateralAngle: 0f, vessels);

        var breasts = random.Chance(0.35) ? SampleBreastShadows(random, s, cx, domeY) : [];
        Polygon? bubble = null;
        if (random.Chance(0.5))
        {
            float bubbleA = random.Uniform(0.03f, 0.055f), bubbleB = random.Uniform(0.018f, 0.03f);
            bubble = Polygon.Radial((cx + random.Uniform(0.14f, 0.24f)) * s,
                (domeY + leftDomeDrop + random.Uniform(0.05f, 0.08f)) * s, 48, theta => Polygon.EllipseRadius(theta, bubbleA * s, bubbleB * s));
        }

        var nodules = random.Chance(0.5) ? SampleNodules(random, s, [rightLung, leftLung], [heart, aorticKnob]) : [];

        return new ChestAnatomy(size)
        {
            CenterX = cx * s,
            BodyHalfWidth = bodyHalf * s,
            NeckHalfWidth = random.Uniform(0.09f, 0.13f) * s,
            ShoulderY = (apexY - random.Uniform(0.02f, 0.07f)) * s,
            ApexY = apexY * s,
            Hila = [rightHilum, leftHilum],
            Lungs = [rightLung, leftLung],
            Heart = heart,
            AorticKnob = aorticKnob,
            AnnotatedLungs = [Annotate(random, rightLung, s), Annotate(random, leftLung, s)],
            AnnotatedHeart = Annotate(random, heart, s),
            AnnotatedAorticKnob = Annotate(random, aorticKnob, s),
            PosteriorRibs = SamplePosteriorRibs(random, s, cx, thoraxHalf, apexY, domeY),
            AnteriorRibs = SampleAnteriorRibs(random, s, cx, thoraxHalf, apexY, domeY),
            Clavicles = SampleClavicles(random, s, cx, apexY),
            Airways = SampleAirways(random, s, cx, hilumY),
            Vessels = [.. vessels],
            SpineHalfWidth = random.Uniform(0.035f, 0.045f) * s,
            VertebraPitch = random.Uniform(0.034f, 0.042f) * s,
            Breasts = breasts,
            BreastDensity = random.Uniform(0.05f, 0.11f),
            GastricBubble = bubble,
            Nodules = nodules,
        };
    }

    /// <summary>An observer's version of <paramref name="outline"/>: moved radially by a smooth random wander (see <see cref="AnnotatedLungs"/>).</summary>
    private static Polygon Annotate(PhantomRandom random, Polygon outline, float s)
    {
        var (cx, cy) = outline.VertexMean;
        float meanRadius = 0f;
        for (int i = 0; i < outline.Count; i++)
            meanRadius += MathF.Sqrt((outline.Xs[i] - cx) * (outline.Xs[i] - cx) + (outline.Ys[i] - cy) * (outline.Ys[i] - cy));
        meanRadius /= outline.Count;
        var wander = FourierProfile.Random(random, 1, 8, 0.0045f * s / meanRadius, 0.5f, 0.015f * s / meanRadius);
        return outline.ScaledRadially(cx, cy, wander.At);
    }

    /// <summary>
    /// One lung field: landmarks of a typical lung outline (rounded apex, convex lateral wall, sharp costophrenic
    /// angle, diaphragm dome, straight mediastinal border with the hilar notch) placed in the lung's bounding box,
    /// each jittered, joined by a spline, then modulated radially by low-order Fourier terms.
    /// </summary>
    private static Polygon SampleLungField(PhantomRandom random, float s, float lateral, float medial, float top, float domeTop, float costophrenic)
    {
        float d = (domeTop - top) / (costophrenic - top);
        float b = 1f - d;
        // (ξ, η): ξ from the lateral wall (0) to the mediastinum (1), η from the apex (0) to the costophrenic angle (1).
        ReadOnlySpan<float> xi = [0.60f, 0.36f, 0.16f, 0.06f, 0.015f, 0.00f, 0.03f, 0.16f, 0.38f, 0.62f, 0.85f, 0.99f, 1.00f, 0.95f, 0.90f, 0.94f, 0.93f, 0.80f];
        ReadOnlySpan<float> eta = [0.00f, 0.05f, 0.17f, 0.36f, 0.60f, 0.84f, 1.00f, d + 0.45f * b, d + 0.06f * b, d, d + 0.10f * b, d + 0.22f * b, 0.70f, 0.53f, 0.43f, 0.31f, 0.15f, 0.04f];
        Span<float> xs = stackalloc float[xi.Length];
        Span<float> ys = stackalloc float[xi.Length];
        for (int i = 0; i < xi.Length; i++)
        {
            bool corner = i is 0 or 6;
            float jitter = corner ? 0.005f : 0.015f;
            float u = Math.Clamp(xi[i] + random.Normal(0f, jitter), -0.02f, 1.02f);
            float v = eta[i] + random.Normal(0f, jitter);
            xs[i] = (lateral + u * (medial - lateral)) * s;
            ys[i] = (top + v * (costophrenic - top)) * s;
        }
        var outline = Polygon.ClosedSpline(xs, ys, 8);
        var (mx, my) = outline.VertexMean;
        var perturbation = FourierProfile.Random(random, 2, 5, 0.03f, 1f, 0.1f);
        return outline.ScaledRadially(mx, my, perturbation.At);
    }

    /// <summary>
    /// Posterior ribs, ten a side: from the spine each runs laterally, rising a little and then curving down towards
    /// the lateral chest wall; lower ribs fall more steeply. Strength fades near the spine and at the lateral end.
    /// </summary>
    private static StrokePath[] SamplePosteriorRibs(PhantomRandom random, float s, float cx, float thoraxHalf, float apexY, float domeY)
    {
        const int perSide = 10;
        float spacing = (domeY + 0.02f - apexY) / (perSide - 1) * random.Uniform(0.95f, 1.08f);
        float firstY = apexY - random.Uniform(0.02f, 0.045f);
        var ribs = new List<StrokePath>();
        foreach (int side in (ReadOnlySpan<int>)[-1, 1])
        {
            float sideShift = random.Normal(0f, 0.006f);
            for (int i = 0; i < perSide; i++)
            {
                float spineY = firstY + i * spacing + sideShift;
                // The first ribs are short and tightly curved; the others reach the lateral chest wall.
                float reach = (i == 0 ? 0.45f : i == 1 ? 0.8f : 1f) * (thoraxHalf + 0.015f) - 0.03f;
                float drop = (i == 0 ? 0.06f : 0.11f + 0.01f * i) * random.Uniform(0.85f, 1.15f);
                float rise = random.Uniform(0.025f, 0.045f);
                float halfWidth = (0.011f + 0.002f * i / perSide + random.Normal(0f, 0.0008f)) * s;
                float sweep = random.Uniform(1.45f, 1.6f);
                ribs.Add(Curve(28, t =>
                {
                    // A quarter-ellipse arc: leaves the spine nearly horizontally (rising a little), then bends down
                    // until it runs almost vertically along the lateral chest wall.
                    float phi = sweep * t;
                    float x = cx + side * (0.03f + reach * MathF.Sin(phi));
                    float y = spineY + drop * (1f - MathF.Cos(phi)) - rise * MathF.Sin(MathF.PI * t);
                    float strength = Math.Clamp(t / 0.15f, 0.3f, 1f) * Math.Clamp((1f - t) / 0.12f, 0f, 1f);
                    return (x * s, y * s, halfWidth * (1f + 0.2f * t), strength);
                }));
            }
        }
        return [.. ribs];
    }

    /// <summary>
    /// Anterior ribs, fainter: from the lateral chest wall each runs down and towards the midline, fading out where
    /// the costal cartilage (invisible on radiographs) begins.
    /// </summary>
    private static StrokePath[] SampleAnteriorRibs(PhantomRandom random, float s, float cx, float thoraxHalf, float apexY, float domeY)
    {
        const int perSide = 6;
        float spacing = (domeY - apexY - 0.1f) / perSide;
        var ribs = new List<StrokePath>();
        foreach (int side in (ReadOnlySpan<int>)[-1, 1])
        {
            for (int i = 0; i < perSide; i++)
            {
                float lateralY = apexY + 0.05f + i * spacing + random.Normal(0f, 0.008f);
                float span = thoraxHalf * random.Uniform(0.55f, 0.7f);
                float fall = random.Uniform(0.08f, 0.13f);
                float halfWidth = random.Uniform(0.011f, 0.015f) * s;
                ribs.Add(Curve(20, t =>
                {
                    float x = cx + side * (thoraxHalf + 0.01f - t * span);
                    float y = lateralY + fall * (t - 0.35f * t * t) + 0.02f * (1f - t) * (1f - t);
                    return (x * s, y * s, halfWidth, Math.Clamp((1f - t) / 0.5f, 0f, 1f) * Math.Clamp(t / 0.1f, 0f, 1f));
                }));
            }
        }
        return [.. ribs];
    }

    /// <summary>Clavicles: S-shaped bones from the sternal notch rising laterally to the shoulders, above the apices.</summary>
    private static StrokePath[] SampleClavicles(PhantomRandom random, float s, float cx, float apexY)
    {
        var bones = new StrokePath[2];
        float medialY = apexY + random.Uniform(0.09f, 0.13f);
        for (int k = 0; k < 2; k++)
        {
            int side = k == 0 ? -1 : 1;
            float startX = random.Uniform(0.045f, 0.07f);
            float length = random.Uniform(0.34f, 0.42f);
            float rise = random.Uniform(0.06f, 0.11f);
            float bend = random.Uniform(0.008f, 0.018f);
            float halfWidth = random.Uniform(0.013f, 0.017f) * s;
            float y0 = medialY + random.Normal(0f, 0.006f);
            bones[k] = Curve(28, t =>
            {
                float x = cx + side * (startX + t * length);
                float y = y0 - rise * t + bend * MathF.Sin(2f * MathF.PI * t);
                // Thicker sternal end; the acromial end thins and fades into the shoulder.
                float width = halfWidth * (t < 0.15f ? 1.25f - t : 1f) * (1f - 0.3f * Math.Max(t - 0.7f, 0f) / 0.3f);
                return (x * s, y * s, width, Math.Clamp(t / 0.04f, 0.6f, 1f) * Math.Clamp((1f - t) / 0.25f, 0f, 1f));
            });
        }
        return bones;
    }

    /// <summary>Trachea down the upper mediastinum, splitting at the carina into the two main bronchi.</summary>
    private static StrokePath[] SampleAirways(PhantomRandom random, float s, float cx, float hilumY)
    {
        float carinaY = hilumY - random.Uniform(0.05f, 0.08f);
        float tracheaX = cx + random.Normal(0f, 0.008f);
        float halfWidth = random.Uniform(0.016f, 0.021f) * s;
        var trachea = Curve(10, t => (tracheaX * s, (-0.02f + t * (carinaY + 0.02f)) * s, halfWidth, 1f));
        var bronchi = new StrokePath[2];
        for (int k = 0; k < 2; k++)
        {
            int side = k == 0 ? -1 : 1;
            float angle = random.Uniform(0.45f, 0.8f);
            float length = random.Uniform(0.05f, 0.08f);
            bronchi[k] = Curve(8, t => ((tracheaX + side * MathF.Sin(angle) * length * t) * s,
                (carinaY + MathF.Cos(angle) * length * t) * s, halfWidth * (0.8f - 0.25f * t), 1f - 0.6f * t));
        }
        return [trachea, bronchi[0], bronchi[1]];
    }

    /// <summary>
    /// Pulmonary vessels: a few trunks leave the hilum, fanning out laterally, up to the apex and down to the base;
    /// each wanders a little, tapers and forks, and fades out towards the periphery of the lung.
    /// </summary>
    private static void SampleVesselTree(PhantomRandom random, float s, float hilumX, float hilumY, float lateralAngle, List<StrokePath> output)
    {
        int trunks = random.Integer(5, 8);
        for (int i = 0; i < trunks; i++)
        {
            float spread = -1.45f + 2.9f * (i + random.Uniform(0.2f, 0.8f)) / trunks;
            float angle = lateralAngle + (lateralAngle == 0f ? spread : -spread);
            Branch(random, s, hilumX, hilumY, angle, random.Uniform(0.06f, 0.1f) * s,
                random.Uniform(0.007f, 0.0095f) * s, random.Uniform(0.8f, 1f), 0, output);
        }
    }

    private static void Branch(PhantomRandom random, float s, float x, float y, float angle, float length, float halfWidth,
        float strength, int depth, List<StrokePath> output)
    {
        int steps = depth == 0 ? 8 : 5;
        var xs = new float[steps + 1];
        var ys = new float[steps + 1];
        var widths = new float[steps + 1];
        var strengths = new float[steps + 1];
        float step = length / steps;
        for (int i = 0; i <= steps; i++)
        {
            float t = i / (float)steps;
            xs[i] = x;
            ys[i] = y;
            widths[i] = halfWidth * (1f - 0.35f * t);
            strengths[i] = strength * (1f - 0.3f * t);
            angle += random.Normal(0f, 0.16f);
            x += step * MathF.Cos(angle);
            y += step * MathF.Sin(angle);
        }
        output.Add(new StrokePath(xs, ys, widths, strengths));
        if (depth >= 3 || halfWidth < 0.0018f * s)
            return;
        int children = random.Integer(2, 4);
        for (int c = 0; c < children; c++)
        {
            int at = random.Integer(steps / 3, steps + 1);
            float childAngle = angle + (c % 2 == 0 ? 1 : -1) * random.Uniform(0.2f, 0.7f);
            Branch(random, s, xs[at], ys[at], childAngle, length * random.Uniform(0.7f, 0.9f),
                widths[at] * 0.72f, strengths[at] * 0.85f, depth + 1, output);
        }
    }

    /// <summary>
    /// One nodule (one in five of them with a second), 0.8–3 % of the film across, placed where the whole nodule lies
    /// inside a lung field and outside the cardiac and aortic shadows; a chest without such room gets none.
    /// </summary>
    private static Nodule[] SampleNodules(PhantomRandom random, float s, Polygon[] lungs, Polygon[] occluders)
    {
        var nodules = new List<Nodule>();
        int wanted = random.Chance(0.2) ? 2 : 1;
        for (int attempt = 0; attempt < 40 && nodules.Count < wanted; attempt++)
        {
            var lung = lungs[random.Integer(0, lungs.Length)];
            float radius = random.Uniform(0.008f, 0.03f) * s;
            float x = random.Uniform(lung.Xs.Min(), lung.Xs.Max());
            float y = random.Uniform(lung.Ys.Min(), lung.Ys.Max());
            bool fits = true;
            for (int k = 0; k < 9 && fits; k++)
            {
                float px = k == 8 ? x : x + radius * MathF.Cos(k * MathF.PI / 4);
                float py = k == 8 ? y : y + radius * MathF.Sin(k * MathF.PI / 4);
                fits = lung.Contains(px, py) && !occluders.Any(o => o.Contains(px, py));
            }
            if (fits)
                nodules.Add(new Nodule(x, y, radius, random.Uniform(0.06f, 0.16f)));
        }
        return [.. nodules];
    }

    /// <summary>Two soft rounded shadows over the lower lateral lung fields.</summary>
    private static Polygon[] SampleBreastShadows(PhantomRandom random, float s, float cx, float domeY)
    {
        var shadows = new Polygon[2];
        float a = random.Uniform(0.13f, 0.18f), b = random.Uniform(0.09f, 0.13f);
        float y = domeY - random.Uniform(0.0f, 0.05f);
        for (int k = 0; k < 2; k++)
        {
            int side = k == 0 ? -1 : 1;
            float x = cx + side * random.Uniform(0.2f, 0.27f);
            shadows[k] = Polygon.Radial(x * s, (y + random.Normal(0f, 0.01f)) * s, 96, theta => Polygon.EllipseRadius(theta, a * s, b * s));
        }
        return shadows;
    }

    /// <summary>A polyline of <paramref name="segments"/> segments from a parametric curve t ∈ [0, 1] → (x, y, half-width, strength).</summary>
    private static StrokePath Curve(int segments, Func<float, (float X, float Y, float HalfWidth, float Strength)> at)
    {
        var xs = new float[segments + 1];
        var ys = new float[segments + 1];
        var widths = new float[segments + 1];
        var strengths = new float[segments + 1];
        for (int i = 0; i <= segments; i++)
            (xs[i], ys[i], widths[i], strengths[i]) = at(i / (float)segments);
        return new StrokePath(xs, ys, widths, strengths);
    }
}

/// <summary>A roughly spherical nodule: centre and radius in pixels, peak added attenuation in display units.</summary>
internal sealed record Nodule(float X, float Y, float Radius, float Strength);
