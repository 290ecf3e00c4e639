namespace Sim.Core.Randomness;

/// <summary>
/// One actor's own random stream: xoshiro256** (Blackman and Vigna, 2018) seeded by SplitMix64 from a 64-bit seed
/// that the kernel derives from (run seed, actor id). The same seed gives the same draws on every machine.
/// Derives from <see cref="Random"/> so that distribution libraries (MathNet.Numerics) can draw from it too.
/// </summary>
public sealed class ActorRandom : Random
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A stream starting from <paramref name="seed"/>.</summary>
    public ActorRandom(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1]: safe to take the logarithm of.</summary>
    public double NextOpenClosed() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public ulong NextUInt64(ulong maxExclusive)
    {
        if (maxExclusive == 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), "must be positive");
        ulong threshold = (0UL - maxExclusive) % maxExclusive;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), maxExclusive, out ulong low);
            if (low >= threshold) return high;
        }
    }

    /// <summary>An exponentially distributed value with the given mean, by inversion with a portable logarithm.</summary>
    public double NextExponential(double mean) => -mean * DeterministicMath.Log(NextOpenClosed());

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    /// <inheritdoc />
    public override int Next() => (int)(NextUInt64() >> 33);

    /// <inheritdoc />
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (int)NextUInt64((ulong)maxValue);
    }

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        ulong range = (ulong)((long)maxValue - minValue);
        return range == 0 ? minValue : (int)(minValue + (long)NextUInt64(range));
    }

    /// <inheritdoc />
    public override long NextInt64() => (long)(NextUInt64() >> 1);

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i += 8)
        {
            ulong bits = NextUInt64();
            for (int j = 0; j < 8 && i + j < buffer.Length; j++) buffer[i + j] = (byte)(bits >> (8 * j));
        }
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
}
