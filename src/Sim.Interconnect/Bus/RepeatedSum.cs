namespace Sim.Interconnect.Bus;

/// <summary>
/// The sum of <c>n</c> copies of one rate added one after another from zero (<c>s = 0; n times: s += r</c>), bit for bit
/// as that loop gives it, in O(log n) steps instead of n. Within one binade of the running sum every addition of the
/// same <c>r</c> rounds the same way (IEEE 754 round-to-nearest-even: the part of <c>r</c> below the sum's unit in the
/// last place decides, and after at most one addition a tie always goes the same way), so a run of additions inside a
/// binade is one exact multiplication on the sum's integer significand; only the additions that cross into the next
/// binade are made one by one. The bus sums equal rates this way so that its utilisation and per-owner rates are the
/// same doubles the flow-by-flow sum gave, without visiting every flow.
/// </summary>
internal static class RepeatedSum
{
    /// <summary><paramref name="n"/> copies of <paramref name="r"/> (finite, not negative) added in turn to 0.</summary>
    public static double Of(double r, long n)
    {
        if (n <= 0 || r == 0) return 0;
        if (n <= 64) return Loop(r, n); // a few binades' worth of bookkeeping costs more than a short loop
        double s = r;
        long done = 1;
        while (done < n)
        {
            long bits = BitConverter.DoubleToInt64Bits(s);
            int exponent = (int)((bits >> 52) & 0x7FF);
            if (exponent == 0 || exponent >= 0x7FE)
            {
                s += r; // subnormal or near overflow: the plain loop
                done++;
                continue;
            }
            double ulp = Math.ScaleB(1.0, exponent - 1075);
            long significand = (long)(s / ulp); // in [2^52, 2^53)
            double whole = Math.Floor(r / ulp);
            double part = r - whole * ulp;       // exact: r is a multiple of its own ulp, which divides this one
            long a = (long)whole;
            if (part == ulp / 2)
            {
                // A tie: the first addition may round either way; from the next one on, always the same way.
                s += r;
                done++;
                if (done == n) break;
                bits = BitConverter.DoubleToInt64Bits(s);
                if ((int)((bits >> 52) & 0x7FF) != exponent) continue;
                significand = (long)(s / ulp);
                long step = (a & 1) == 0 ? a : a + 1;
                done += Run(ref significand, step, a, n - done);
                s = significand * ulp;
                if (done < n) { s += r; done++; }
                continue;
            }
            long delta = part < ulp / 2 ? a : a + 1;
            done += Run(ref significand, delta, a, n - done);
            s = significand * ulp;
            if (done < n)
            {
                s += r; // the addition that leaves the binade, as the loop makes it
                done++;
            }
        }
        return s;
    }

    private static double Loop(double r, long n)
    {
        double s = 0;
        for (long i = 0; i < n; i++) s += r;
        return s;
    }

    /// <summary>Adds <paramref name="step"/> to <paramref name="significand"/> as many times (at most <paramref name="most"/>) as the sum plus r stays in the binade; returns how many.</summary>
    private static long Run(ref long significand, long step, long whole, long most)
    {
        const long Top = 1L << 53;
        // An addition stays in the binade while significand + r < 2^53, i.e. significand + whole <= 2^53 - 1.
        long limit = Top - 1 - whole;
        if (significand > limit || step <= 0) return 0;
        long times = Math.Min(most, (limit - significand) / step + 1);
        significand += times * step;
        return times;
    }
}
