using Sim.Core.Time;
using Sim.Interconnect.Aggregation;

namespace Sim.Interconnect.Tests.Aggregation.Adversaries;

/// <summary>Times <c>start, start + period, ...</c> before <c>until</c> (just <c>start</c> when the period is null).</summary>
internal static class Periodic
{
    public static IEnumerable<SimTime> Times(SimTime start, SimTime? period, SimTime until)
    {
        if (period is { } p && p <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(period), p, "period must be positive");
        return Generate(start, period, until);
    }

    private static IEnumerable<SimTime> Generate(SimTime start, SimTime? period, SimTime until)
    {
        if (period is not { } step)
        {
            if (start < until) yield return start;
            yield break;
        }
        for (var t = start; t < until; t += step) yield return t;
    }
}
