using TorchSharp;

namespace Nlce.Runtime;

/// <summary>Seeding and threading: one call seeds torch (CPU and CUDA) and returns the seed source the library's own generators use.</summary>
public static class Determinism
{
    /// <summary>
    /// Seeds torch's CPU and CUDA generators with <paramref name="seed"/>. Library components that draw random numbers
    /// (phantoms, splits, shuffling, augmentation, attacks' random starts) take their seed explicitly; pass them
    /// values derived with <see cref="Derive"/> so that the same seed gives the same numbers on CPU.
    /// </summary>
    public static void SeedAll(long seed)
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(seed);
    }

    /// <summary>
    /// A stable sub-seed for component <paramref name="purpose"/> (e.g. "shuffle", "augment"), so that components seeded
    /// from one run seed do not draw correlated streams. FNV-1a over the purpose, mixed with the seed (SplitMix64 finaliser).
    /// </summary>
    public static int Derive(long seed, string purpose)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in purpose)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        ulong z = h ^ (ulong)seed;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        z ^= z >> 31;
        return (int)(z & 0x7fffffff);
    }

    /// <summary>Sets the number of CPU threads torch uses for intra-op parallelism (≥ 1).</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
    }
}
