using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Aggregation;

/// <summary>The bus the aggregation tests run on: 1, 2, 4, 6 and 8 GB/s (levels 0..4).</summary>
internal static class Bus
{
    public const double GB = 1e9;

    public static OppTable Table { get; } = new(new[] { 1, 2, 4, 6, 8 }.Select((gbps, i) =>
        new OperatingPoint(gbps * GB, 0.1 * (i + 1), SimTime.FromMicroseconds(20))));

    /// <summary>Reference rule, written out apart from OppTable: the lowest level with at least <paramref name="demand"/>, else the top.</summary>
    public static int LowestMeeting(double demand)
    {
        for (int i = 0; i < Table.Count; i++)
            if (Table[i].BytesPerSecond >= demand) return i;
        return Table.Top;
    }

    public static SimTime Us(double microseconds) => SimTime.FromMicroseconds(microseconds);
}
