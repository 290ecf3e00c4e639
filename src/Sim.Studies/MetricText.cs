using System.Globalization;
using Sim.Reports;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// How a metric value is written for people, in every table and message of <c>sim run</c>, <c>sim sweep</c> and
/// <c>sim compare</c>: with its unit and an SI prefix through <see cref="Quantity"/> (<c>43.5 µs</c>, <c>551 MB/s</c>,
/// <c>414 k/s</c>); a plain number (a count, a ratio) with grouped thousands or three significant digits; an interval
/// as <c>mean ± half-width</c> with the unit written once when both share it (<c>41.0 ± 1.20 µs</c>). A unit that is
/// not known (null: results written before units were recorded) gets the SI prefix alone.
/// </summary>
public static class MetricText
{
    /// <summary><paramref name="value"/> in <paramref name="unit"/> ("" for a plain number, null when not known).</summary>
    public static string Value(double value, string? unit)
    {
        if (!double.IsFinite(value)) return double.IsNaN(value) ? "n/a" : value > 0 ? "∞" : "-∞";
        if (unit is null) return Quantity.Format(value, "").TrimEnd();
        if (unit.Length > 0) return Quantity.Format(value, unit);
        double abs = Math.Abs(value);
        if (value == Math.Floor(value) || abs >= 100) return Quantity.Count(Math.Round(value));
        return abs >= 1 ? Quantity.Digits(value) : value.ToString("G3", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <c>mean ± half-width</c> in <paramref name="unit"/>; the mean alone when there is no interval
    /// (<paramref name="halfWidth"/> NaN: one sample); <c>mean ± 0</c> when the samples agree exactly.
    /// </summary>
    public static string Interval(double mean, double halfWidth, string? unit)
    {
        string m = Value(mean, unit);
        if (double.IsNaN(halfWidth)) return m;
        // Replications that agree exactly: "7.50 mJ ± 0", not "7.50 mJ ± 0 J".
        if (halfWidth == 0) return $"{m} ± 0";
        string h = Value(halfWidth, unit);
        int ms = m.LastIndexOf(' '), hs = h.LastIndexOf(' ');
        // "41.0 µs ± 1.20 µs" says the unit twice: "41.0 ± 1.20 µs".
        if (ms > 0 && hs > 0 && m[ms..] == h[hs..] && !char.IsDigit(m[^1])) return $"{m[..ms]} ± {h}";
        return $"{m} ± {h}";
    }

    /// <summary>A difference from a baseline: signed (<c>+13.2 µs</c>, <c>-100 /s</c>; zero unsigned).</summary>
    public static string Difference(double difference, string? unit)
    {
        string text = Value(difference, unit);
        return difference > 0 ? "+" + text : text;
    }
}
