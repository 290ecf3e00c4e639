namespace Sim.Core.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
/// a 64-bit mixing function used here to derive independent seeds, e.g. one per actor from (run seed, actor id).
/// </summary>
public static class SplitMix64
{
    /// <summary>The golden-ratio increment of the SplitMix64 sequence.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The first multiplier of <see cref="Mix"/> (after the 30-bit xor-shift), for vectorised copies of it.</summary>
    public const ulong Multiplier1 = 0xBF58476D1CE4E5B9UL;

    /// <summary>The second multiplier of <see cref="Mix"/> (after the 27-bit xor-shift), for vectorised copies of it.</summary>
    public const ulong Multiplier2 = 0x94D049BB133111EBUL;

    /// <summary>The finaliser: a bijective avalanche mix of <paramref name="z"/>.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * Multiplier1;
        z = (z ^ (z >> 27)) * Multiplier2;
        return z ^ (z >> 31);
    }

    /// <summary>Advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>A seed for a child stream, derived from a parent seed and a stable child key (e.g. an actor id's hash).</summary>
    public static ulong Derive(ulong parentSeed, ulong childKey) => Mix(Mix(parentSeed + Gamma) ^ Mix(childKey * Gamma + 1));
}
