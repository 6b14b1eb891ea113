namespace Nlce.Data.Phantoms;

/// <summary>
/// The random source of one phantom sample: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom
/// number generators", 2018) seeded through SplitMix64 from (dataset seed, phantom kind, sample index). Written out
/// here rather than taken from <see cref="Random"/> so that the pixels of a phantom never change with the runtime,
/// and so that each sample has its own stream: rendering sample 7 alone gives the same numbers as in a full pass.
/// </summary>
internal sealed class PhantomRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>Creates the stream of sample <paramref name="index"/> of <paramref name="kind"/> for <paramref name="seed"/>.</summary>
    public PhantomRandom(int seed, PhantomKind kind, int index)
    {
        // Fold the three identifiers into one 64-bit state with SplitMix64 steps, so neighbouring seeds and indices
        // give unrelated streams.
        ulong state = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed;
        state = SplitMix(ref state) ^ ((ulong)kind + 1) * 0xD1B54A32D192ED03UL;
        state = SplitMix(ref state) ^ (ulong)(uint)index;
        s0 = SplitMix(ref state);
        s1 = SplitMix(ref state);
        s2 = SplitMix(ref state);
        s3 = SplitMix(ref state);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits (xoshiro256** step).</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float Uniform(float low, float high) => (float)(low + (high - low) * NextDouble());

    /// <summary>Uniform integer in [<paramref name="low"/>, <paramref name="highExclusive"/>).</summary>
    public int Integer(int low, int highExclusive) => low + (int)(NextDouble() * (highExclusive - low));

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal variate (Box–Muller; the second variate is not kept, so the stream has no hidden state).</summary>
    public float Normal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>
    /// A cheap, nearly normal variate (mean 0, variance 1): the centred sum of four 16-bit uniforms cut from one
    /// 64-bit draw (Irwin–Hall, n = 4), for per-pixel noise where exact Gaussian tails do not matter.
    /// </summary>
    public float NearlyNormal()
    {
        ulong bits = NextUInt64();
        uint sum = (uint)(bits & 0xFFFF) + (uint)((bits >> 16) & 0xFFFF) + (uint)((bits >> 32) & 0xFFFF) + (uint)(bits >> 48);
        // Each uniform is (k + 0.5)/65536; the sum has mean 2 and variance 4/12.
        return ((sum + 2f) / 65536f - 2f) * 1.7320508f;
    }

    /// <summary>Normal variate with the given mean and standard deviation.</summary>
    public float Normal(float mean, float standardDeviation) => mean + standardDeviation * Normal();

    /// <summary>Uniform angle in [0, 2π).</summary>
    public float Angle() => (float)(2.0 * Math.PI * NextDouble());
}
