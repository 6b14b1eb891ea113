namespace Nlce.Data.Phantoms.Rendering;

/// <summary>
/// A smooth periodic factor f(θ) = 1 + Σₖ aₖ·cos(kθ + φₖ) over a few low-order modes: the "random contour" of the
/// phantom brief (a base shape whose radius is modulated by low-order Fourier terms). With Σ|aₖ| &lt; 1 the factor
/// stays positive, so a star-shaped contour scaled by it stays star-shaped and never crosses itself.
/// </summary>
internal sealed class FourierProfile
{
    private readonly float[] amplitudes;
    private readonly float[] phases;
    private readonly int firstMode;

    private FourierProfile(int firstMode, float[] amplitudes, float[] phases)
    {
        this.firstMode = firstMode;
        this.amplitudes = amplitudes;
        this.phases = phases;
    }

    /// <summary>
    /// Draws modes <paramref name="firstMode"/> … <paramref name="lastMode"/>; mode k gets a normal amplitude with
    /// standard deviation <paramref name="scale"/>/k^<paramref name="decay"/> (rougher contours for smaller decay) and a
    /// uniform phase. The amplitudes are rescaled, if needed, so that their absolute sum is at most
    /// <paramref name="maxTotal"/> (&lt; 1).
    /// </summary>
    public static FourierProfile Random(PhantomRandom random, int firstMode, int lastMode, float scale, float decay, float maxTotal)
    {
        int n = lastMode - firstMode + 1;
        var amplitudes = new float[n];
        var phases = new float[n];
        float total = 0;
        for (int i = 0; i < n; i++)
        {
            int k = firstMode + i;
            amplitudes[i] = random.Normal() * scale / MathF.Pow(k, decay);
            phases[i] = random.Angle();
            total += MathF.Abs(amplitudes[i]);
        }
        if (total > maxTotal)
        {
            for (int i = 0; i < n; i++)
                amplitudes[i] *= maxTotal / total;
        }
        return new FourierProfile(firstMode, amplitudes, phases);
    }

    /// <summary>The factor at angle <paramref name="theta"/> (radians).</summary>
    public float At(float theta)
    {
        float f = 1f;
        for (int i = 0; i < amplitudes.Length; i++)
            f += amplitudes[i] * MathF.Cos((firstMode + i) * theta + phases[i]);
        return f;
    }
}
