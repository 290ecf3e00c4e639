using System.Globalization;
using Sim.Scenarios.Profiles;

namespace Sim.Cli.Output;

/// <summary>
/// Cost values in words for <c>sim costs</c>: a time in the most readable of ps, ns, us, ms and s with at most four
/// significant digits, with its CPU cycles beside it where cycles are the scale such costs are measured at; a bandwidth
/// in TB/s, GB/s, MB/s, kB/s or B/s (decimal, as profiles write them).
/// </summary>
internal static class CostValueText
{
    /// <summary>
    /// Cycles are printed beside times of at least this many cycles and under <see cref="LongestInCycles"/>: exits,
    /// hypercalls and interrupt paths are measured in cycles (Dall et al.'s table reaches ~19,000, under 10 us even at
    /// 2 GHz); below ten cycles a count adds nothing to the nanoseconds, and for wake-ups and network latencies of tens
    /// of microseconds it adds digits, not insight.
    /// </summary>
    private const double FewestCycles = 10;

    /// <summary>See <see cref="FewestCycles"/>.</summary>
    private const double LongestInCycles = 10e-6;

    /// <summary>Joins a number to its unit and a cycle count to its parentheses, so that wrapping never parts them.</summary>
    private const char Glue = WrappedText.Glue;

    private static readonly (string Unit, double Scale)[] TimeUnits = [("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9), ("ps", 1e-12)];
    private static readonly (string Unit, double Scale)[] RateUnits = [("TB/s", 1e12), ("GB/s", 1e9), ("MB/s", 1e6), ("kB/s", 1e3), ("B/s", 1)];
    private static readonly (string Unit, double Scale)[] FrequencyUnits = [("GHz", 1e9), ("MHz", 1e6), ("kHz", 1e3), ("Hz", 1)];

    /// <summary>The entry's value: <c>587.3 ns (1,762 cycles)</c>, <c>97 GB/s</c>.</summary>
    public static string Value(CostEntryView entry, double? hertz)
    {
        if (entry.BytesPerSecond is { } rate) return Scaled(rate, RateUnits);
        double seconds = entry.Seconds;
        return ShowsCycles(seconds, hertz) ? $"{Time(seconds)} ({Cycles(seconds * hertz!.Value)}{Glue}cycles)" : Time(seconds);
    }

    /// <summary>
    /// The range in the entry's unit, <c>333.3 ns to 1.667 us (1,000 to 5,000 cycles)</c>, then its distribution:
    /// <c>, log-uniform</c>.
    /// </summary>
    public static string Range(CostEntryView entry, CostRangeView range, double? hertz)
    {
        string text;
        if (entry.IsBandwidth) text = $"{Scaled(range.Low, RateUnits)} to {Scaled(range.High, RateUnits)}";
        else
        {
            text = $"{Time(range.Low)} to {Time(range.High)}";
            if (ShowsCycles(entry.Seconds, hertz))
                text += $" ({Cycles(range.Low * hertz!.Value)}{Glue}to{Glue}{Cycles(range.High * hertz.Value)}{Glue}cycles)";
        }
        return $"{text}, {range.Distribution}";
    }

    /// <summary>A time in seconds in its most readable unit: <c>1.018 us</c>, <c>500 ps</c>.</summary>
    public static string Time(double seconds) => Scaled(seconds, TimeUnits);

    /// <summary>A CPU frequency: <c>3 GHz</c>, <c>2.4 GHz</c>.</summary>
    public static string Frequency(double hertz) => Scaled(hertz, FrequencyUnits);

    private static bool ShowsCycles(double seconds, double? hertz) =>
        hertz is { } f && seconds * f >= FewestCycles && seconds < LongestInCycles;

    /// <summary>Whole cycles from a hundred on (<c>18,923</c>), four significant digits below.</summary>
    private static string Cycles(double cycles) => cycles >= 100
        ? Math.Round(cycles, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture)
        : Significant(cycles);

    /// <summary>
    /// <paramref name="value"/> in the largest of <paramref name="units"/> (largest first) it reaches once rounded to four
    /// significant digits, so that 999.96 ns reads 1 us, not 1000 ns.
    /// </summary>
    private static string Scaled(double value, (string Unit, double Scale)[] units)
    {
        if (value == 0) return $"0{Glue}{units[^1].Unit}";
        double rounded = RoundSignificant(Math.Abs(value));
        foreach (var (unit, scale) in units)
        {
            if (rounded >= scale * (1 - 1e-9)) return $"{(value < 0 ? "-" : "")}{Significant(rounded / scale)}{Glue}{unit}";
        }
        return $"{(value < 0 ? "-" : "")}{Significant(rounded / units[^1].Scale)}{Glue}{units[^1].Unit}";
    }

    private static double RoundSignificant(double value)
    {
        double scale = Math.Pow(10, Math.Floor(Math.Log10(value)) - 3);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }

    /// <summary>At most four significant digits, no trailing zeros: <c>587.3</c>, <c>1.018</c>, <c>97</c>; whole numbers keep all their digits.</summary>
    private static string Significant(double value)
    {
        if (value == 0) return "0";
        int digitsBefore = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        int decimals = Math.Clamp(4 - digitsBefore, 0, 15);
        string text = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);
        return text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}
