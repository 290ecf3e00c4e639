using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Interconnect.Bus;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Platform.Tests.Scmi;

/// <summary>The bus table of the platform tests and the encoded messages of the voting convention.</summary>
internal static class BusVotes
{
    /// <summary>1, 2 and 4 GB/s; 0.5, 1.5 and 4 W; 10, 50 and 100 µs to reach.</summary>
    public static readonly OppTable Table = new(
    [
        new OperatingPoint(1e9, 0.5, SimTime.Parse("10us")),
        new OperatingPoint(2e9, 1.5, SimTime.Parse("50us")),
        new OperatingPoint(4e9, 4.0, SimTime.Parse("100us")),
    ]);

    /// <summary>LEVEL_SET(domain 0, average kB/s).</summary>
    public static byte[] Average(uint kilobytesPerSecond, ushort token) =>
        ScmiMessage.Command(new PerfLevelSetRequest(0, kilobytesPerSecond), token);

    /// <summary>LIMITS_SET(domain 0, range_min = peak kB/s, range_max = the top level's value).</summary>
    public static byte[] Peak(uint kilobytesPerSecond, ushort token) =>
        ScmiMessage.Command(new PerfLimitsSetRequest(0, 4_000_000, kilobytesPerSecond), token);

    /// <summary>NOTIFY_LEVEL(domain 0, enable).</summary>
    public static byte[] SubscribeLevel(ushort token) => ScmiMessage.Command(new PerfNotifyLevelRequest(0, true), token);

    /// <summary>A time in milliseconds.</summary>
    public static SimTime Ms(double value) => SimTime.FromMilliseconds(value);
}
