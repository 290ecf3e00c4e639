namespace Sim.Core.Statistics;

/// <summary>Integer division rounded once to the nearest double, for means computed from exact integer sums.</summary>
internal static class RoundedDivision
{
    /// <summary>
    /// <paramref name="dividend"/> / <paramref name="divisor"/> (both positive, or a zero dividend) rounded once to the
    /// nearest double. Binary long division extends the integer quotient with fraction bits until it has more than 64
    /// significant bits (or divides exactly); a non-zero remainder then becomes a sticky bit, far below the 53 bits a double
    /// keeps, so the one conversion from <see cref="Int128"/> rounds as the exact quotient would.
    /// </summary>
    public static double Quotient(Int128 dividend, long divisor)
    {
        var (quotient, remainder) = Int128.DivRem(dividend, divisor);
        int fractionBits = 0;
        while (remainder != 0 && quotient <= ulong.MaxValue)
        {
            remainder <<= 1; // remainder < divisor < 2^63: no overflow
            quotient <<= 1;
            if (remainder >= divisor)
            {
                remainder -= divisor;
                quotient |= 1;
            }
            fractionBits++;
        }
        if (remainder != 0) quotient |= 1;
        return Math.ScaleB((double)quotient, -fractionBits);
    }
}
