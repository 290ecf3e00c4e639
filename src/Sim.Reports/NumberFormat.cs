using System.Globalization;

namespace Sim.Reports;

/// <summary>
/// How numbers are written into a report, always with the invariant culture so output never depends on the machine.
/// <list type="bullet">
/// <item>Coordinates: rounded to two decimals and written with exactly two ("12.30"); negative zero is written "0.00".</item>
/// <item>Compact values (log-axis ticks, tooltips): "0" for zero; plain decimal for 1e-4 ≤ |v| &lt; 1e3 (up to 6
/// decimals, trailing zeros trimmed); SI prefixes k, M, G, T for 1e3 ≤ |v| &lt; 1e15 (up to 3 decimals: "1.5k", "2M");
/// scientific otherwise ("1e-6", "2.5e15").</item>
/// <item>Linear-axis ticks: scientific for the whole axis when its largest |tick| is ≥ 1e15 or &lt; 1e-4; otherwise
/// each tick plain or with its own SI prefix as above ("800", "1k", "1.2k"), with as many decimals as the tick step
/// needs at that prefix (trailing zeros trimmed), so neighbouring labels are always distinct.</item>
/// </list>
/// </summary>
internal static class NumberFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (double Divisor, string Suffix)[] Prefixes =
    [
        (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"),
    ];

    /// <summary>A coordinate: two fixed decimals, never "-0.00".</summary>
    public static string Coord(double value)
    {
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;
        return rounded.ToString("F2", Invariant);
    }

    /// <summary>An integer, invariant.</summary>
    public static string Int(long value) => value.ToString(Invariant);

    /// <summary>One value written compactly (see the class summary).</summary>
    public static string Compact(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "-∞";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e15 || magnitude < 1e-4) return value.ToString("0.###e-0", Invariant);
        foreach (var (divisor, suffix) in Prefixes)
        {
            if (magnitude >= divisor) return (value / divisor).ToString("0.###", Invariant) + suffix;
        }
        return value.ToString("0.######", Invariant);
    }

    /// <summary>
    /// Labels for evenly spaced linear ticks <paramref name="ticks"/> <paramref name="step"/> apart: one notation for
    /// the whole axis and enough decimals to tell neighbours apart.
    /// </summary>
    public static string[] LinearTickLabels(IReadOnlyList<double> ticks, double step)
    {
        var labels = new string[ticks.Count];
        double largest = 0;
        foreach (double tick in ticks) largest = Math.Max(largest, Math.Abs(tick));
        if (largest == 0 || !(step > 0) || !double.IsFinite(step))
        {
            for (int i = 0; i < labels.Length; i++) labels[i] = Compact(ticks[i]);
            return labels;
        }
        if (largest >= 1e15 || largest < 1e-4)
        {
            int digits = Math.Clamp((int)Math.Ceiling(Math.Log10(largest / step) - 1e-9), 0, 12);
            string format = digits == 0 ? "0e-0" : "0." + new string('#', digits) + "e-0";
            for (int i = 0; i < labels.Length; i++) labels[i] = ticks[i] == 0 ? "0" : ticks[i].ToString(format, Invariant);
            return labels;
        }
        for (int i = 0; i < labels.Length; i++)
        {
            double tick = ticks[i];
            if (tick == 0) { labels[i] = "0"; continue; }
            double divisor = 1;
            string suffix = "";
            foreach (var (d, s) in Prefixes)
            {
                if (Math.Abs(tick) >= d) { divisor = d; suffix = s; break; }
            }
            int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step / divisor) - 1e-9), 0, 15);
            labels[i] = (tick / divisor).ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), Invariant) + suffix;
        }
        return labels;
    }

    /// <summary>
    /// Labels for evenly spaced linear ticks of a quantity in <paramref name="unit"/>: one SI prefix for the whole axis
    /// (that of its largest |tick|, see <see cref="Quantity.Prefix"/>), as many decimals as the step needs at that
    /// prefix, then the prefixed unit ("0 µs", "50 µs", "100 µs").
    /// </summary>
    public static string[] QuantityTickLabels(IReadOnlyList<double> ticks, double step, string unit)
    {
        if (!Quantity.TakesPrefix(unit)) return [.. LinearTickLabels(ticks, step).Select(l => l + " " + unit)];
        double largest = 0;
        foreach (double tick in ticks) largest = Math.Max(largest, Math.Abs(tick));
        var (factor, prefix) = largest == 0 ? (1.0, "") : Quantity.Prefix(largest);
        int decimals = step > 0 && double.IsFinite(step) ? Math.Clamp((int)Math.Ceiling(-Math.Log10(step / factor) - 1e-9), 0, 12) : 3;
        string format = decimals == 0 ? "0" : "0." + new string('#', decimals);
        var labels = new string[ticks.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (ticks[i] == 0 ? "0" : (ticks[i] / factor).ToString(format, Invariant)) + " " + prefix + unit;
        }
        return labels;
    }

    /// <summary>One tick of a log axis (or an axis end): <see cref="Compact"/>, or with a unit its own SI prefix ("10 µs").</summary>
    public static string LogTickLabel(double value, string? unit)
    {
        if (unit is null || !double.IsFinite(value)) return Compact(value);
        if (value == 0) return "0 " + unit;
        if (!Quantity.TakesPrefix(unit)) return Compact(value) + " " + unit;
        var (factor, prefix) = Quantity.Prefix(value);
        return (value / factor).ToString("0.###", Invariant) + " " + prefix + unit;
    }

    /// <summary>A value on <paramref name="axis"/> for a tooltip: <see cref="Precise(double)"/>, or with a unit <see cref="Quantity.Exact"/>.</summary>
    public static string Precise(double value, Axis axis) => axis.Unit is { } unit ? Quantity.Exact(value, unit) : Precise(value);

    /// <summary>A value for a tooltip: up to 6 decimals for 1e-4 ≤ |v| &lt; 1e15, scientific with 6 otherwise.</summary>
    public static string Precise(double value)
    {
        if (!double.IsFinite(value)) return Compact(value);
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        return magnitude >= 1e15 || magnitude < 1e-4
            ? value.ToString("0.######e-0", Invariant)
            : value.ToString("0.######", Invariant);
    }
}
