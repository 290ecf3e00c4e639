using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Aggregation.Adversaries;

/// <summary>
/// Adversary: a VM that always votes for the maximum, the top level's bandwidth as both average and peak, at
/// <paramref name="Start"/> and every <paramref name="Period"/> after (once when null). Under max-of-levels or the
/// interconnect sum it drives the bus to the top; per-VM caps contain it.
/// </summary>
/// <param name="Agent">The voting agent.</param>
/// <param name="Table">The bus levels; the vote is the top one's bandwidth.</param>
/// <param name="Start">First vote.</param>
/// <param name="Period">Time between votes; null for a single vote.</param>
public sealed record Greedy(string Agent, OppTable Table, SimTime Start, SimTime? Period = null) : IVoteSource
{
    /// <inheritdoc />
    public IEnumerable<TimedVote> Votes(SimTime until)
    {
        double top = Table[Table.Top].BytesPerSecond;
        return Periodic.Times(Start, Period, until).Select(t => new TimedVote(t, new BandwidthVote(Agent, top, top)));
    }
}
