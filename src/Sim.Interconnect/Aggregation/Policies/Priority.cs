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
/// <para>A level alone cannot keep that promise when the other agents' traffic fills whatever level is set, so the
/// policy also states a <see cref="Guarantee"/>: the bandwidth the designated agent asked for, which the platform
/// reserves for it on the bus (<see cref="Bus.FluidBus.Reserve"/>, the QoS regulation an interconnect gives a real-time
/// master).</para>
/// </summary>
public sealed class Priority : PolicyDecorator
{
    private int _demandLevel;
    private int _floor;
    private double _demandRate;
    private double _floorRate;

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

    /// <summary>The bandwidth to reserve for the designated agent on the bus, B/s: its latest demand (0 before it votes or after it leaves).</summary>
    public double Guarantee => Math.Max(_demandRate, _floorRate);

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        var outcome = Inner.Accept(time, vote);
        if (!string.Equals(vote.Agent, Agent, StringComparison.Ordinal)) return outcome;
        switch (vote)
        {
            case BandwidthVote b: _demandLevel = Table.LowestMeeting(b.Demand); _demandRate = b.Demand; break;
            case LevelVote l: _demandLevel = l.Level; _demandRate = Table[l.Level].BytesPerSecond; break;
            case LimitsVote m: _floor = m.MinLevel; _floorRate = Table[m.MinLevel].BytesPerSecond; break;
            case AgentLeft: _demandLevel = 0; _floor = 0; _demandRate = 0; _floorRate = 0; break;
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
