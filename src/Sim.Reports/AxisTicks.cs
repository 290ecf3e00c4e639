namespace Sim.Reports;

/// <summary>The kind of a resolved axis.</summary>
internal enum AxisKind
{
    /// <summary>Values map linearly to positions.</summary>
    Linear,

    /// <summary>Log10 of values maps linearly to positions.</summary>
    Log,

    /// <summary>Category indices map linearly to positions, half a step of padding at each end.</summary>
    Categorical,
}

/// <summary>One tick of an axis: its value and its label.</summary>
/// <param name="Value">Where the tick is, in data units (a category index on a categorical axis).</param>
/// <param name="Label">The label written at the tick.</param>
internal readonly record struct AxisTick(double Value, string Label);

/// <summary>A resolved axis: the value range it spans (which contains every tick and every drawn value) and its ticks.</summary>
/// <param name="Kind">How values map to positions.</param>
/// <param name="Min">The value at the axis start.</param>
/// <param name="Max">The value at the axis end; greater than <paramref name="Min"/>.</param>
/// <param name="Ticks">The ticks, strictly increasing, all within [Min, Max].</param>
internal sealed record AxisLayout(AxisKind Kind, double Min, double Max, IReadOnlyList<AxisTick> Ticks);

/// <summary>
/// Tick selection.
/// <list type="bullet">
/// <item>Linear: the step is the smallest of 1, 2, 5 × 10^k that covers the range with at most 8 ticks (so 4–8 in
/// practice); the axis is widened to the enclosing multiples of the step. A range that is empty (or narrower than
/// 1e-9 of its magnitude) is first padded by 10% of its value each side (±1 around zero), so a flat line is visible.</item>
/// <item>Log: over fewer than 3 decades, ticks at 1, 2, 5 × 10^k and the axis ends at the enclosing such values;
/// otherwise ticks at powers of ten (every n-th decade when there are more than 8) and the axis ends at powers of ten.</item>
/// <item>Categorical: a tick at each index 0..n-1 labelled with its name; the axis runs from -0.5 to n-0.5.</item>
/// </list>
/// </summary>
internal static class AxisTicks
{
    /// <summary>The most ticks a linear axis gets.</summary>
    public const int MaxLinearTicks = 8;

    private const double Epsilon = 1e-9;
    private const int MinDecade = -320;
    private const int MaxDecade = 308;
    private static readonly int[] Mantissas = [1, 2, 5];

    /// <summary>
    /// A linear axis spanning at least [<paramref name="low"/>, <paramref name="high"/>] (both finite); with a
    /// <paramref name="unit"/>, labels carry it with one SI prefix for the whole axis ("0 µs", "50 µs").
    /// </summary>
    public static AxisLayout Linear(double low, double high, string? unit = null)
    {
        if (high < low) (low, high) = (high, low);
        double magnitude = Math.Max(Math.Abs(low), Math.Abs(high));
        if (!(high - low > magnitude * Epsilon))
        {
            double centre = low / 2 + high / 2;
            double pad = centre == 0 ? 1 : Math.Abs(centre) * 0.1;
            low = Math.Max(centre - pad, -double.MaxValue);
            high = Math.Min(centre + pad, double.MaxValue);
        }
        double span = high - low;
        if (!double.IsFinite(span)) return Fallback(low, high, unit);

        int exponent = (int)Math.Floor(Math.Log10(span / MaxLinearTicks));
        for (int attempt = 0; attempt < 8; attempt++, exponent++)
        {
            foreach (int mantissa in Mantissas)
            {
                double step = Scaled(mantissa, exponent);
                double first = Math.Floor(low / step + Epsilon);
                double last = Math.Ceiling(high / step - Epsilon);
                if (last - first + 1 > MaxLinearTicks) continue;
                var values = new List<double>();
                for (double i = first; i <= last; i++) values.Add(Scaled(i * mantissa, exponent));
                if (!IncreasingAndFinite(values)) return Fallback(low, high, unit);
                double min = Math.Min(values[0], low), max = Math.Max(values[^1], high);
                var labels = unit is null ? NumberFormat.LinearTickLabels(values, step) : NumberFormat.QuantityTickLabels(values, step, unit);
                var ticks = new AxisTick[values.Count];
                for (int t = 0; t < ticks.Length; t++) ticks[t] = new AxisTick(values[t], labels[t]);
                return new AxisLayout(AxisKind.Linear, min, max, ticks);
            }
        }
        return Fallback(low, high, unit);
    }

    /// <summary>
    /// A log axis spanning at least [<paramref name="low"/>, <paramref name="high"/>] (both finite and &gt; 0); with a
    /// <paramref name="unit"/>, each label carries it with its own SI prefix ("10 µs", "1 ms").
    /// </summary>
    public static AxisLayout Log(double low, double high, string? unit = null)
    {
        if (high < low) (low, high) = (high, low);
        if (!(low > 0) || !double.IsFinite(high)) throw new ArgumentOutOfRangeException(nameof(low), "a log axis needs positive finite bounds");
        int lowDecade = Math.Max(Decade(low), MinDecade);
        int highDecade = Decade(high);
        if (Pow10(highDecade) < high) highDecade++;
        if (highDecade == lowDecade) highDecade++;
        if (highDecade > MaxDecade)
        {
            // 10^309 is not a double: near the top of the range the axis ends at the largest double instead.
            highDecade = MaxDecade;
            lowDecade = Math.Min(lowDecade, MaxDecade - 1);
        }

        var ticks = new List<AxisTick>();
        if (highDecade - lowDecade < 3)
        {
            var candidates = new List<double>();
            for (int d = lowDecade - 1; d <= highDecade + 1; d++)
            {
                foreach (int m in Mantissas) candidates.Add(Scaled(m, d));
            }
            candidates.RemoveAll(c => !double.IsFinite(c) || c <= 0);
            int from = Math.Max(0, candidates.FindLastIndex(c => c <= low));
            int to = candidates.FindIndex(c => c >= high);
            if (to < 0) to = candidates.Count - 1;
            if (to <= from) to = Math.Min(from + 1, candidates.Count - 1);
            for (int i = from; i <= to; i++) ticks.Add(new AxisTick(candidates[i], NumberFormat.LogTickLabel(candidates[i], unit)));
            return new AxisLayout(AxisKind.Log, Math.Min(candidates[from], low), Math.Max(candidates[to], high), ticks);
        }
        int stride = (int)Math.Ceiling((highDecade - lowDecade) / (double)MaxLinearTicks);
        highDecade = Math.Min(MaxDecade, lowDecade + stride * (int)Math.Ceiling((highDecade - lowDecade) / (double)stride));
        for (int d = lowDecade; d <= highDecade; d += stride) ticks.Add(new AxisTick(Pow10(d), NumberFormat.LogTickLabel(Pow10(d), unit)));
        return new AxisLayout(AxisKind.Log, Math.Min(Pow10(lowDecade), low), Math.Max(Pow10(highDecade), high), ticks);
    }

    /// <summary>A categorical axis over <paramref name="categories"/>.</summary>
    public static AxisLayout Categorical(IReadOnlyList<string> categories)
    {
        var ticks = new AxisTick[categories.Count];
        for (int i = 0; i < ticks.Length; i++) ticks[i] = new AxisTick(i, categories[i] ?? "");
        return new AxisLayout(AxisKind.Categorical, -0.5, Math.Max(categories.Count, 1) - 0.5, ticks);
    }

    /// <summary>10^<paramref name="exponent"/>, exact for |exponent| ≤ 22 and correctly rounded for negative ones there.</summary>
    public static double Pow10(int exponent) => Scaled(1, exponent);

    /// <summary><paramref name="mantissa"/> × 10^<paramref name="exponent"/>, as close to the decimal value as one rounding allows.</summary>
    private static double Scaled(double mantissa, int exponent)
    {
        if (exponent >= 0) return mantissa * Math.Pow(10, exponent);
        if (exponent >= -300) return mantissa / Math.Pow(10, -exponent);
        return mantissa * Math.Pow(10, exponent);
    }

    /// <summary>The largest d with 10^d ≤ <paramref name="value"/>.</summary>
    private static int Decade(double value)
    {
        int d = (int)Math.Floor(Math.Log10(value));
        if (Pow10(d) > value) d--;
        else if (Pow10(d + 1) <= value) d++;
        return d;
    }

    private static bool IncreasingAndFinite(List<double> values)
    {
        if (values.Count < 2) return false;
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]) || (i > 0 && !(values[i] > values[i - 1]))) return false;
        }
        return true;
    }

    /// <summary>Just the two ends, for ranges too wide or too fine for a nice step.</summary>
    private static AxisLayout Fallback(double low, double high, string? unit) =>
        new(AxisKind.Linear, low, high, [new AxisTick(low, NumberFormat.LogTickLabel(low, unit)), new AxisTick(high, NumberFormat.LogTickLabel(high, unit))]);
}
