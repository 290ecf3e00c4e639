using Sim.Interconnect.Bus;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Scmi;

/// <summary>
/// The bus as every VM sees it over SCMI: one performance domain (id <see cref="Id"/>, name <see cref="Name"/>) whose
/// levels are the bus OPP table, lowest first. Each level's performance value is its bandwidth in kB/s (1000 B/s,
/// rounded), its power cost is its power in mW (the platform reports power in milliwatts, PROTOCOL_ATTRIBUTES bit 16)
/// and its transition latency is the OPP's in µs, rounded up (a worst case) and capped at 65535.
/// <para>
/// The domain has <see cref="ScmiPerfDomain.AcceptsAnyValue"/> set, on purpose departing from discrete SCMI domains: a
/// VM's LEVEL_SET carries its bandwidth need in kB/s, any value from 0 to the top level's, and the platform chooses
/// the level (see <see cref="PolicyArbiter"/> for the voting convention). Agents may set the level and limits and may
/// subscribe to level notifications; there are no limits notifications.
/// </para>
/// </summary>
public static class BusPerfDomain
{
    /// <summary>The bus domain's id: the only domain the platform has.</summary>
    public const uint Id = 0;

    /// <summary>The bus domain's name.</summary>
    public const string Name = "bus";

    /// <summary>What agents may do on the bus domain: set level, set limits, level notifications.</summary>
    public const ScmiPerfDomainFlags Flags =
        ScmiPerfDomainFlags.CanSetLevel | ScmiPerfDomainFlags.CanSetLimits | ScmiPerfDomainFlags.LevelNotifications;

    /// <summary>Bytes per second in one performance value unit (1 kB/s).</summary>
    public const double BytesPerSecondPerUnit = 1000;

    /// <summary>The domain for <paramref name="table"/>; throws <see cref="ArgumentException"/> when two levels round to the same kB/s.</summary>
    public static ScmiPerfDomain Create(OppTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ScmiPerfDomain(Name, table.Levels.Select(Level).ToArray(), Flags) { AcceptsAnyValue = true };
    }

    /// <summary>The DESCRIBE_LEVELS entry of <paramref name="point"/>.</summary>
    public static ScmiPerfLevel Level(OperatingPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        double micros = Math.Ceiling(point.TransitionLatency.Picoseconds / (double)Sim.Core.Time.SimTime.PicosPerMicrosecond);
        return new ScmiPerfLevel(
            ToPerformanceValue(point.BytesPerSecond),
            checked((uint)Math.Round(point.Watts * 1000)),
            (ushort)Math.Min(micros, ushort.MaxValue));
    }

    /// <summary><paramref name="bytesPerSecond"/> as a performance value (kB/s, rounded); throws when it does not fit 32 bits.</summary>
    public static uint ToPerformanceValue(double bytesPerSecond) => checked((uint)Math.Round(bytesPerSecond / BytesPerSecondPerUnit));

    /// <summary>The bandwidth in B/s a performance value (kB/s) stands for.</summary>
    public static double ToBytesPerSecond(uint performanceValue) => performanceValue * BytesPerSecondPerUnit;
}
