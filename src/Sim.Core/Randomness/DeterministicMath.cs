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
    private const double C3 = 1.0 / 3, C5 = 1.0 / 5, C7 = 1.0 / 7, C9 = 1.0 / 9, C11 = 1.0 / 11, C13 = 1.0 / 13, C15 = 1.0 / 15;
    private const double C17 = 1.0 / 17, C19 = 1.0 / 19, C21 = 1.0 / 21, C23 = 1.0 / 23, C25 = 1.0 / 25, C27 = 1.0 / 27;

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
        // Horner form of 1 + s²/3 + s⁴/5 + ... + s²⁶/27; the coefficients are compile-time constants (no divisions).
        double series = C27;
        series = C25 + s2 * series;
        series = C23 + s2 * series;
        series = C21 + s2 * series;
        series = C19 + s2 * series;
        series = C17 + s2 * series;
        series = C15 + s2 * series;
        series = C13 + s2 * series;
        series = C11 + s2 * series;
        series = C9 + s2 * series;
        series = C7 + s2 * series;
        series = C5 + s2 * series;
        series = C3 + s2 * series;
        series = 1.0 + s2 * series;
        return 2.0 * s * series + e * Ln2;
    }
}
