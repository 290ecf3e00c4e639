using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Priority for a designated safety or secure VM, a decorator. Rule: the designated agent's need is the larger of
/// the lowest level meeting its latest bandwidth vote (max of average and peak) or its latest level vote, and the
/// minimum of its latest limits vote; the level set is <c>max(wrapped policy's level, need)</c>. So the designated
/// agent's demand is always met whatever the wrapped policy does to it (caps, refusals, other agents' limits), and
/// its votes are always answered SUCCESS; they are still forwarded, so it also counts in the wrapped aggregation.
/// Other agents' votes pass unchanged: containing them is the wrapped policy's job (e.g. <see cref="PerAgentCaps"/>).
/// When the designated agent leaves, its need drops to 0.
/// </summary>
public sealed class Priority : PolicyDecorator
{
    private int _demandLevel;
    private int _floor;

    /// <summary>Priority for <paramref name="agent"/> around <paramref name="inner"/>.</summary>
    public Priority(IAggregationPolicy inner, string agent) : base(inner)
    {
        ArgumentException.ThrowIfNullOrEmpty(agent);
        Agent = agent;
    }

    /// <summary>The designated agent.</summary>
    public string Agent { get; }

    /// <summary>The level the designated agent needs now (0 before it votes or after it leaves).</summary>
    public int Need => Math.Max(_demandLevel, _floor);

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        var outcome = Inner.Accept(time, vote);
        if (!string.Equals(vote.Agent, Agent, StringComparison.Ordinal)) return outcome;
        switch (vote)
        {
            case BandwidthVote b: _demandLevel = Table.LowestMeeting(b.Demand); break;
            case LevelVote l: _demandLevel = l.Level; break;
            case LimitsVote m: _floor = m.MinLevel; break;
            case AgentLeft: _demandLevel = 0; _floor = 0; break;
        }
        return VoteOutcome.Accepted;
    }

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time)
    {
        var decision = Inner.Decide(time);
        return decision with { Level = Math.Max(decision.Level, Need) };
    }
}
