using Sim.Core.Time;
using Sim.Interconnect.Aggregation;

namespace Sim.Interconnect.Tests.Aggregation.Adversaries;

/// <summary>Merges several VMs' votes into the one order the server receives them in.</summary>
public static class VoteScript
{
    /// <summary>
    /// The votes of <paramref name="sources"/> before <paramref name="until"/>, by time; votes at the same time in the
    /// order of the sources, then of each source's sequence (a stable, deterministic tie-break).
    /// </summary>
    public static IReadOnlyList<TimedVote> Merge(IEnumerable<IVoteSource> sources, SimTime until)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources
            .SelectMany((source, index) => source.Votes(until).Select((vote, seq) => (vote, index, seq)))
            .OrderBy(x => x.vote.At).ThenBy(x => x.index).ThenBy(x => x.seq)
            .Select(x => x.vote)
            .ToList();
    }
}
