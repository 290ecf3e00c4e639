using Sim.Core.Time;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;
using Sim.Devices.Scmi;

namespace Sim.Platform.Scmi;

/// <summary>
/// Adapts <see cref="ScmiPerformanceServer"/> to an <see cref="IAggregationPolicy"/> for the bus domain
/// (<see cref="BusPerfDomain"/>). Pure: the time of each vote and decision comes from the clock it is given.
/// <para>The voting convention (the proposal being studied; a VM's interconnect provider, Linux <c>icc_set_bw(path, avg, peak)</c>):</para>
/// <list type="bullet">
/// <item>PERFORMANCE_LEVEL_SET(domain 0, performance_level = A) states the agent's <em>average</em> need, A kB/s,
/// any value from 0 to the top level's (the domain accepts any value, <see cref="ScmiPerfDomain.AcceptsAnyValue"/>).</item>
/// <item>PERFORMANCE_LIMITS_SET(domain 0, range_min = P, range_max = M) states the agent's <em>peak</em> need, P kB/s:
/// range_min is a floor, "at least this much must be available". range_max is not used; it must still be at least
/// range_min (the server answers INVALID_PARAMETERS otherwise, as for any domain), so an agent passes the top level's
/// value or 0xFFFFFFFF. A range_min above the top level's value is OUT_OF_RANGE, as a LEVEL_SET above it is.</item>
/// <item>The arbiter keeps each agent's latest average and peak (both 0 until stated) and hands the policy a
/// <see cref="BandwidthVote"/>(agent, average × 1000 B/s, peak × 1000 B/s) for each LEVEL_SET or LIMITS_SET; the
/// SCMI status is the policy's <see cref="VoteOutcome.Status"/>. A refused vote leaves the kept values unchanged.</item>
/// </list>
/// LEVEL_GET answers the performance value (kB/s) of the level last decided; LIMITS_GET answers the whole range
/// (0, top value): the bus has no shared limits, only each agent's own floor.
/// SCMI agents are numbers, policies name agents: agent n is called <c>vm</c>n unless another naming is given.
/// </summary>
public sealed class PolicyArbiter : IPerformanceArbiter
{
    private readonly Func<SimTime> _clock;
    private readonly Func<int, string> _agentName;
    private readonly Dictionary<int, AgentNeed> _needs = new();
    private readonly uint _topValue;

    /// <summary>An arbiter deciding through <paramref name="policy"/> at the times <paramref name="clock"/> tells.</summary>
    /// <param name="policy">The aggregation policy; its table is the bus domain's.</param>
    /// <param name="clock">The current simulated time (non-decreasing).</param>
    /// <param name="agentName">The policy's name for an SCMI agent; default <c>vm</c>n.</param>
    /// <param name="initialLevel">The level in force before the first decision.</param>
    public PolicyArbiter(IAggregationPolicy policy, Func<SimTime> clock, Func<int, string>? agentName = null, int initialLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(clock);
        if (!policy.Table.Contains(initialLevel))
            throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"not a level of the table (0..{policy.Table.Top})");
        Policy = policy;
        _clock = clock;
        _agentName = agentName ?? (agent => "vm" + agent);
        _topValue = BusPerfDomain.ToPerformanceValue(policy.Table[policy.Table.Top].BytesPerSecond);
        Level = initialLevel;
    }

    /// <summary>The policy votes go to.</summary>
    public IAggregationPolicy Policy { get; }

    /// <summary>The level (index into the policy's table) the policy last decided; the initial level before any decision.</summary>
    public int Level { get; private set; }

    /// <summary>When the last decision asked to be asked again; null when it did not.</summary>
    public SimTime? AskAgainAt { get; private set; }

    /// <summary>How many votes were handed to the policy.</summary>
    public long Votes { get; private set; }

    /// <summary>The policy's answer to the last vote; null before any.</summary>
    public VoteOutcome? LastOutcome { get; private set; }

    /// <summary>The policy's name for SCMI agent <paramref name="agent"/>.</summary>
    public string AgentName(int agent) => _agentName(agent);

    /// <summary>The latest average and peak, in kB/s, <paramref name="agent"/> stated and the policy took; (0, 0) if none.</summary>
    public AgentNeed NeedOf(int agent) => _needs.GetValueOrDefault(agent);

    /// <summary>LEVEL_SET: <paramref name="perfValue"/> is the agent's average need in kB/s.</summary>
    public ScmiStatus RequestLevel(int agent, uint domain, uint perfValue)
    {
        if (domain != BusPerfDomain.Id) return ScmiStatus.NotFound;
        if (perfValue > _topValue) return ScmiStatus.OutOfRange;
        return Vote(agent, NeedOf(agent) with { AverageKilobytesPerSecond = perfValue });
    }

    /// <summary>LIMITS_SET: <paramref name="min"/> is the agent's peak need in kB/s; <paramref name="max"/> is not used.</summary>
    public ScmiStatus RequestLimits(int agent, uint domain, uint min, uint max)
    {
        if (domain != BusPerfDomain.Id) return ScmiStatus.NotFound;
        if (min > max) return ScmiStatus.InvalidParameters;
        if (min > _topValue) return ScmiStatus.OutOfRange;
        return Vote(agent, NeedOf(agent) with { PeakKilobytesPerSecond = min });
    }

    /// <summary>The performance value (kB/s) of the level last decided.</summary>
    public uint CurrentLevel(uint domain) => LevelValue(Level);

    /// <summary>The whole range, (0, top value): the bus domain has no shared limits.</summary>
    public (uint Min, uint Max) CurrentLimits(uint domain) => (0, _topValue);

    /// <summary>Asks the policy for the level now; remembers it as <see cref="Level"/> and its <see cref="AskAgainAt"/>.</summary>
    public LevelDecision Decide()
    {
        var decision = Policy.Decide(_clock());
        Level = decision.Level;
        AskAgainAt = decision.AskAgainAt;
        return decision;
    }

    /// <summary>The performance value (kB/s) of table level <paramref name="level"/>.</summary>
    public uint LevelValue(int level) => BusPerfDomain.ToPerformanceValue(Policy.Table[level].BytesPerSecond);

    private ScmiStatus Vote(int agent, AgentNeed need)
    {
        var vote = new BandwidthVote(AgentName(agent),
            BusPerfDomain.ToBytesPerSecond(need.AverageKilobytesPerSecond), BusPerfDomain.ToBytesPerSecond(need.PeakKilobytesPerSecond));
        var outcome = Policy.Accept(_clock(), vote);
        Votes++;
        LastOutcome = outcome;
        if (outcome.Taken) _needs[agent] = need;
        return outcome.Status;
    }
}
