namespace Sim.Core.Randomness;

/// <summary>
/// Elementary functions computed with IEEE-754 additions, multiplications and divisions only, so that they give the
/// same bits on every machine and runtime. <see cref="Math.Log(double)"/> defers to the platform's C library, whose
/// last bit may differ between versions; a draw that feeds simulated time must not.
/// </summary>
public static class DeterministicMath
{
    private const double Ln2 = 0.693147180559945309417232121458176568;
    private const double Sqrt2 = 1.41421356237309504880168872420969808;

    /// <summary>
    /// Natural logarithm for positive finite <paramref name="x"/>, within a few ulps of the true value.
    /// x = m·2^e with m in [√½, √2); ln m = 2·atanh(s) with s = (m−1)/(m+1), |s| &lt; 0.172, summed to s^27.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
        {
            if (x == 0) return double.NegativeInfinity;
            if (double.IsPositiveInfinity(x)) return double.PositiveInfinity;
            return double.NaN;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: scale into the normal range first (exact).
            x *= 18014398509481984.0; // 2^54
            bits = BitConverter.DoubleToInt64Bits(x);
            exponent = (int)((bits >> 52) & 0x7FF) - 54;
        }
        int e = exponent - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m >= Sqrt2)
        {
            m *= 0.5;
            e += 1;
        }
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double series = 1.0 / 27;
        for (int k = 25; k >= 1; k -= 2) series = 1.0 / k + s2 * series;
        return 2.0 * s * series + e * Ln2;
    }
}
