using Sim.Core.Time;
using Sim.Interconnect.Aggregation;

namespace Sim.Interconnect.Tests.Aggregation.Adversaries;

/// <summary>An honest VM: votes its true average and peak at <paramref name="Start"/>, then every <paramref name="Period"/> (once when null).</summary>
/// <param name="Agent">The voting agent.</param>
/// <param name="AverageBytesPerSecond">Its true average use, B/s.</param>
/// <param name="PeakBytesPerSecond">Its true peak need, B/s.</param>
/// <param name="Start">First vote.</param>
/// <param name="Period">Time between votes; null for a single vote.</param>
public sealed record SteadyVoter(string Agent, double AverageBytesPerSecond, double PeakBytesPerSecond, SimTime Start, SimTime? Period = null) : IVoteSource
{
    /// <inheritdoc />
    public IEnumerable<TimedVote> Votes(SimTime until) =>
        Periodic.Times(Start, Period, until).Select(t => new TimedVote(t, new BandwidthVote(Agent, AverageBytesPerSecond, PeakBytesPerSecond)));
}
