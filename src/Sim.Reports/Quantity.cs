using System.Globalization;

namespace Sim.Reports;

/// <summary>
/// Figures as people read them in a table: a number with an SI prefix and its unit (<c>68.3 µs</c>, <c>270 mJ</c>,
/// <c>551 MB/s</c>), three significant digits, thousands grouped for counts; never longer than a few characters, so a
/// cell is never broken.
/// </summary>
public static class Quantity
{
    private static readonly (double Factor, string Prefix)[] Small = [(1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p")];
    private static readonly (double Factor, string Prefix)[] Large = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];

    private static readonly string[] SiUnits = ["s", "J", "W", "B", "Hz", "b", "V", "A"];

    /// <summary>
    /// Whether <paramref name="unit"/> takes SI prefixes: an SI-style unit ("s", "J", "W", "B", "Hz", …), such a unit
    /// per second ("B/s"), or a plain rate ("/s"). Other units ("pages", "requests") are written after a plain number.
    /// </summary>
    public static bool TakesPrefix(string unit)
    {
        string head = unit.EndsWith("/s", StringComparison.Ordinal) ? unit[..^2] : unit;
        return head.Length == 0 || SiUnits.Contains(head);
    }

    /// <summary><paramref name="value"/> of <paramref name="unit"/> (e.g. "s", "J", "W", "B/s") with an SI prefix and three significant digits.</summary>
    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value)) return "n/a";
        if (value == 0) return $"0 {unit}";
        var (factor, prefix) = Prefix(value);
        return $"{Digits(value / factor)} {prefix}{unit}";
    }

    /// <summary>
    /// <paramref name="value"/> of <paramref name="unit"/> with an SI prefix and up to six decimals at that prefix
    /// (<c>351.234567 µs</c>): the exact figure, for a tooltip.
    /// </summary>
    public static string Exact(double value, string unit)
    {
        if (!double.IsFinite(value)) return double.IsNaN(value) ? "n/a" : (value > 0 ? "∞ " : "-∞ ") + unit;
        if (value == 0) return $"0 {unit}";
        var (factor, prefix) = TakesPrefix(unit) ? Prefix(value) : (1, "");
        return $"{(value / factor).ToString("0.######", CultureInfo.InvariantCulture)} {prefix}{unit}";
    }

    /// <summary>
    /// The SI prefix <see cref="Format"/> writes <paramref name="value"/> with, and its factor: the largest of
    /// p, n, µ, m, (none), k, M, G, T whose factor is at most |value| (p below that, T above).
    /// </summary>
    public static (double Factor, string Prefix) Prefix(double value)
    {
        double abs = Math.Abs(value);
        if (abs < 1)
        {
            foreach (var (factor, prefix) in Small)
                if (abs >= factor || factor == 1e-12) return (factor, prefix);
        }
        foreach (var (factor, prefix) in Large)
            if (abs >= factor) return (factor, prefix);
        return (1, "");
    }

    /// <summary>A count: grouped thousands when whole, else three significant digits.</summary>
    public static string Count(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("N0", CultureInfo.InvariantCulture) : Digits(value);

    /// <summary>A ratio (per request, a fraction): up to two decimals, trailing zeros dropped.</summary>
    public static string Ratio(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Three significant digits, no exponent for the ranges tables show.</summary>
    public static string Digits(double value)
    {
        double abs = Math.Abs(value);
        string format = abs >= 100 ? "0" : abs >= 10 ? "0.0" : "0.00";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
