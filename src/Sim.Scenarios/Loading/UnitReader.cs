using System.Globalization;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Quantities with a unit, as scenarios and cost profiles write them: bandwidths (<c>13GB/s</c>, decimal units),
/// power (<c>1.2W</c>, <c>350mW</c>) and frequencies (<c>60Hz</c>, <c>59.94Hz</c>). A bad value is a located error.
/// </summary>
internal static class UnitReader
{
    private static readonly (string Suffix, double Scale)[] BandwidthUnits = [("TB/s", 1e12), ("GB/s", 1e9), ("MB/s", 1e6), ("kB/s", 1e3), ("B/s", 1)];
    private static readonly (string Suffix, double Scale)[] PowerUnits = [("mW", 1e-3), ("W", 1)];

    /// <summary>A bandwidth in B/s (&gt; 0), e.g. <c>800MB/s</c>.</summary>
    public static double Bandwidth(NodeReader node) =>
        Parse(node.AsString(), BandwidthUnits, positive: true) ?? throw node.Unexpected("a bandwidth such as 800MB/s or 6.4GB/s");

    /// <summary>Whether <paramref name="text"/> is a bandwidth; its value in B/s.</summary>
    public static bool TryBandwidth(string text, out double bytesPerSecond)
    {
        bytesPerSecond = Parse(text, BandwidthUnits, positive: true) ?? 0;
        return bytesPerSecond > 0;
    }

    /// <summary>A power in W (&gt;= 0), e.g. <c>350mW</c> or <c>1.2W</c>.</summary>
    public static double Power(NodeReader node) =>
        Parse(node.AsString(), PowerUnits, positive: false) ?? throw node.Unexpected("a power such as 350mW or 1.2W");

    /// <summary>A frequency in millihertz (&gt; 0, a whole number of mHz), e.g. <c>60Hz</c> or <c>59.94Hz</c>.</summary>
    public static uint Millihertz(NodeReader node)
    {
        double? hz = Parse(node.AsString(), [("Hz", 1)], positive: true);
        double mhz = (hz ?? 0) * 1000;
        if (hz is null || mhz > uint.MaxValue || Math.Abs(mhz - Math.Round(mhz)) > 1e-6)
            throw node.Unexpected("a refresh rate such as 60Hz or 59.94Hz (a whole number of mHz)");
        return (uint)Math.Round(mhz);
    }

    private static double? Parse(string text, (string Suffix, double Scale)[] units, bool positive)
    {
        text = text.Trim();
        foreach (var (suffix, scale) in units)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (!double.TryParse(text[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return null;
            if (double.IsNaN(value) || double.IsInfinity(value) || value < 0 || (positive && value == 0)) return null;
            return value * scale;
        }
        return null;
    }
}
