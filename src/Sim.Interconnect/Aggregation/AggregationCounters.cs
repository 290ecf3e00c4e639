namespace Sim.Interconnect.Aggregation;

/// <summary>One agent's vote tally.</summary>
/// <param name="Accepted">Votes taken as asked.</param>
/// <param name="Clipped">Votes taken but reduced to a cap.</param>
/// <param name="Refused">Votes refused with an SCMI error status.</param>
public readonly record struct AgentVoteCounts(long Accepted, long Clipped, long Refused)
{
    /// <summary>All votes from the agent.</summary>
    public long Total => Accepted + Clipped + Refused;
}

/// <summary>
/// What a policy has done: votes accepted, clipped and refused per agent, and level decisions (every answer to
/// <see cref="IAggregationPolicy.Decide"/>, and those that changed the level). Like Firecracker's device metrics, every
/// refusal or clip is counted, none is silent.
/// </summary>
public sealed class AggregationCounters
{
    private readonly SortedDictionary<string, AgentVoteCounts> _agents = new(StringComparer.Ordinal);

    /// <summary>Per-agent vote tallies, by agent name (ordinal order).</summary>
    public IReadOnlyDictionary<string, AgentVoteCounts> Agents => _agents;

    /// <summary>Answers given to Decide.</summary>
    public long Decisions { get; private set; }

    /// <summary>Decisions whose level differed from the previous decision's (the first decision counts when it is not level 0).</summary>
    public long LevelChanges { get; private set; }

    /// <summary>The level of the latest decision; 0 before any.</summary>
    public int LastLevel { get; private set; }

    /// <summary>The tally of <paramref name="agent"/>; all zero for an agent never heard from.</summary>
    public AgentVoteCounts For(string agent) => _agents.GetValueOrDefault(agent);

    /// <summary>Votes accepted, clipped and refused over all agents.</summary>
    public AgentVoteCounts Total => _agents.Values.Aggregate(default(AgentVoteCounts),
        (sum, c) => new AgentVoteCounts(sum.Accepted + c.Accepted, sum.Clipped + c.Clipped, sum.Refused + c.Refused));

    /// <summary>Counts <paramref name="outcome"/> against <paramref name="agent"/>.</summary>
    internal void RecordVote(string agent, VoteOutcome outcome)
    {
        var c = _agents.GetValueOrDefault(agent);
        _agents[agent] = outcome.Verdict switch
        {
            VoteVerdict.Accepted => c with { Accepted = c.Accepted + 1 },
            VoteVerdict.Clipped => c with { Clipped = c.Clipped + 1 },
            _ => c with { Refused = c.Refused + 1 },
        };
    }

    /// <summary>Counts a decision for <paramref name="level"/>.</summary>
    internal void RecordDecision(int level)
    {
        if (level != LastLevel) LevelChanges++;
        Decisions++;
        LastLevel = level;
    }
}
