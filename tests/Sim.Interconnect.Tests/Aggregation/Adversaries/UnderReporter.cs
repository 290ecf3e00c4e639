using Sim.Core.Time;
using Sim.Interconnect.Aggregation;

namespace Sim.Interconnect.Tests.Aggregation.Adversaries;

/// <summary>
/// Adversary (or a buggy driver): a VM that votes only <paramref name="ReportedFraction"/> of what it uses, at
/// <paramref name="Start"/> and every <paramref name="Period"/> after (once when null). No vote-side policy can see
/// through it: it gets a level too low for its real traffic, which then contends on the bus with everyone's.
/// </summary>
/// <param name="Agent">The voting agent.</param>
/// <param name="ActualAverageBytesPerSecond">What it really uses on average, B/s.</param>
/// <param name="ActualPeakBytesPerSecond">What it really needs at peak, B/s.</param>
/// <param name="ReportedFraction">The share of its use it reports, in [0, 1).</param>
/// <param name="Start">First vote.</param>
/// <param name="Period">Time between votes; null for a single vote.</param>
public sealed record UnderReporter(string Agent, double ActualAverageBytesPerSecond, double ActualPeakBytesPerSecond, double ReportedFraction, SimTime Start, SimTime? Period = null) : IVoteSource
{
    /// <inheritdoc />
    public IEnumerable<TimedVote> Votes(SimTime until)
    {
        if (!(ReportedFraction >= 0 && ReportedFraction < 1)) throw new ArgumentOutOfRangeException(nameof(ReportedFraction), ReportedFraction, "an under-reporter reports a fraction in [0, 1) of its use");
        var vote = new BandwidthVote(Agent, ActualAverageBytesPerSecond * ReportedFraction, ActualPeakBytesPerSecond * ReportedFraction);
        return Periodic.Times(Start, Period, until).Select(t => new TimedVote(t, vote));
    }
}
