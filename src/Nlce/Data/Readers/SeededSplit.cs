namespace Nlce.Data.Readers;

/// <summary>
/// The default split of datasets that ship no split file: 80 % train, 20 % test, drawn from a seed. Names are
/// sorted (ordinal) before a seeded Fisher–Yates shuffle, so the result depends only on the set of names and the
/// seed, never on the order a file system lists them. The first round(0.2·n) names of the shuffle are Test.
/// </summary>
public static class SeededSplit
{
    /// <summary>Fraction of names that go to <see cref="DatasetSplit.Test"/>.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Assigns each distinct name to Train or Test.</summary>
    public static IReadOnlyDictionary<string, DatasetSplit> TrainTest(IEnumerable<string> names, int seed)
    {
        ArgumentNullException.ThrowIfNull(names);
        var ordered = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var random = new SplitMix64(seed);
        for (var i = ordered.Length - 1; i > 0; i--)
        {
            var j = random.NextBelow(i + 1);
            (ordered[i], ordered[j]) = (ordered[j], ordered[i]);
        }
        var testCount = (int)Math.Round(ordered.Length * TestFraction, MidpointRounding.AwayFromZero);
        var splits = new Dictionary<string, DatasetSplit>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Length; i++)
            splits[ordered[i]] = i < testCount ? DatasetSplit.Test : DatasetSplit.Train;
        return splits;
    }

    /// <summary>
    /// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a
    /// fixed, platform-independent generator, so a seed gives the same split on every runtime.
    /// </summary>
    private struct SplitMix64(int seed)
    {
        private ulong _state = unchecked((ulong)seed);

        /// <summary>A uniform integer in [0, <paramref name="bound"/>) by the high word of a 64×64-bit product.</summary>
        public int NextBelow(int bound) => (int)Math.BigMul(Next(), (ulong)bound, out _);

        private ulong Next()
        {
            unchecked
            {
                _state += 0x9E3779B97F4A7C15UL;
                var z = _state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
