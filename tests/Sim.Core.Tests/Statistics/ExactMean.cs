using System.Numerics;

namespace Sim.Core.Tests.Statistics;

/// <summary>An exact oracle for a mean: is a double the one nearest to sum / count? Checked in big integers, no rounding.</summary>
internal static class ExactMean
{
    /// <summary>Every double of interest here is a multiple of 2^-Scale.</summary>
    private const int Scale = 1200;

    /// <summary>True when no double is nearer than <paramref name="mean"/> to <paramref name="sum"/> / <paramref name="count"/>.</summary>
    public static bool IsNearestDouble(double mean, Int128 sum, long count)
    {
        BigInteger distance = Distance(mean, sum, count);
        return distance <= Distance(Math.BitDecrement(mean), sum, count)
            && distance <= Distance(Math.BitIncrement(mean), sum, count);
    }

    /// <summary>|candidate × count − sum| × 2^Scale, exactly.</summary>
    private static BigInteger Distance(double candidate, Int128 sum, long count) =>
        BigInteger.Abs(Scaled(candidate) * count - ((BigInteger)sum << Scale));

    /// <summary>candidate × 2^Scale as an integer (exact for any finite double).</summary>
    private static BigInteger Scaled(double candidate)
    {
        long bits = BitConverter.DoubleToInt64Bits(candidate);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        BigInteger value = (BigInteger)mantissa << (exponent - 1075 + Scale);
        return negative ? -value : value;
    }
}
