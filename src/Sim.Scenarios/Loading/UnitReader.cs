using System.Globalization;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Quantities with a unit, as scenarios and cost profiles write them: bandwidths (<c>13GB/s</c>, decimal units), bit
/// rates (<c>780Mb/s</c>), packet rates (<c>4Mpps</c>), power (<c>1.2W</c>, <c>350mW</c>) and frequencies (<c>60Hz</c>,
/// <c>59.94Hz</c>). A bad value is a located error.
/// </summary>
internal static class UnitReader
{
    private static readonly (string Suffix, double Scale)[] BandwidthUnits = [("TB/s", 1e12), ("GB/s", 1e9), ("MB/s", 1e6), ("kB/s", 1e3), ("B/s", 1)];
    private static readonly (string Suffix, double Scale)[] PowerUnits = [("mW", 1e-3), ("W", 1)];
    private static readonly (string Suffix, double Scale)[] BitRateUnits = [("Gb/s", 1e9), ("Mb/s", 1e6), ("kb/s", 1e3), ("b/s", 1)];
    private static readonly (string Suffix, double Scale)[] FrequencyUnits = [("GHz", 1e9), ("MHz", 1e6), ("kHz", 1e3), ("Hz", 1)];
    private static readonly (string Suffix, double Scale)[] PacketRateUnits = [("Mpps", 1e6), ("kpps", 1e3), ("pps", 1)];
    private static readonly (string Suffix, double Scale)[] RefreshUnits = [("Hz", 1)];

    /// <summary>The bandwidth units, for the schema's pattern (<see cref="Schema.QuantityPattern"/>).</summary>
    public static IReadOnlyList<string> BandwidthSuffixes => Suffixes(BandwidthUnits);

    /// <summary>The bit-rate units.</summary>
    public static IReadOnlyList<string> BitRateSuffixes => Suffixes(BitRateUnits);

    /// <summary>The packet-rate units.</summary>
    public static IReadOnlyList<string> PacketRateSuffixes => Suffixes(PacketRateUnits);

    /// <summary>The power units.</summary>
    public static IReadOnlyList<string> PowerSuffixes => Suffixes(PowerUnits);

    /// <summary>The refresh-rate unit.</summary>
    public static IReadOnlyList<string> RefreshSuffixes => Suffixes(RefreshUnits);

    /// <summary>A bandwidth in B/s (&gt; 0), e.g. <c>800MB/s</c>.</summary>
    public static double Bandwidth(NodeReader node) =>
        Parse(node.AsString(), BandwidthUnits, positive: true) ?? throw node.Unexpected("a bandwidth such as 800MB/s or 6.4GB/s");

    /// <summary>Whether <paramref name="text"/> is a bandwidth; its value in B/s.</summary>
    public static bool TryBandwidth(string text, out double bytesPerSecond)
    {
        bytesPerSecond = Parse(text, BandwidthUnits, positive: true) ?? 0;
        return bytesPerSecond > 0;
    }

    /// <summary>A bit rate (&gt; 0) such as <c>780Mb/s</c> or <c>2.5Gb/s</c> (also kb/s, b/s), in bytes per second.</summary>
    public static double BitRate(NodeReader node) =>
        (Parse(node.AsString(), BitRateUnits, positive: true) ?? throw node.Unexpected("a bit rate such as 780Mb/s or 2.5Gb/s")) / 8;

    /// <summary>
    /// A packet rate (&gt; 0) such as <c>4Mpps</c>, <c>500kpps</c> or <c>1000pps</c> in frames per second; null when the
    /// text names no packet-rate unit (it may be a bit rate), a located error when it names one with a bad number.
    /// </summary>
    public static double? PacketRate(NodeReader node)
    {
        string text = node.AsString().Trim();
        if (!PacketRateUnits.Any(unit => text.EndsWith(unit.Suffix, StringComparison.Ordinal))) return null;
        return Parse(text, PacketRateUnits, positive: true) ?? throw node.Unexpected("a packet rate such as 4Mpps or 500kpps, or a bit rate such as 10Gb/s");
    }

    /// <summary>A clock frequency in Hz (&gt; 0) such as <c>3GHz</c> or <c>2400MHz</c>; null when <paramref name="text"/> is not one.</summary>
    public static double? Hertz(string text) => Parse(text, FrequencyUnits, positive: true);

    /// <summary>A power in W (&gt;= 0), e.g. <c>350mW</c> or <c>1.2W</c>.</summary>
    public static double Power(NodeReader node) =>
        Parse(node.AsString(), PowerUnits, positive: false) ?? throw node.Unexpected("a power such as 350mW or 1.2W");

    /// <summary>A frequency in millihertz (&gt; 0, a whole number of mHz), e.g. <c>60Hz</c> or <c>59.94Hz</c>.</summary>
    public static uint Millihertz(NodeReader node)
    {
        double? hz = Parse(node.AsString(), RefreshUnits, positive: true);
        double mhz = (hz ?? 0) * 1000;
        if (hz is null || mhz > uint.MaxValue || Math.Abs(mhz - Math.Round(mhz)) > 1e-6)
            throw node.Unexpected("a refresh rate such as 60Hz or 59.94Hz (a whole number of mHz)");
        return (uint)Math.Round(mhz);
    }

    private static IReadOnlyList<string> Suffixes((string Suffix, double Scale)[] units) => units.Select(unit => unit.Suffix).ToList();

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
