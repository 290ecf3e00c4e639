using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation.Policies;

/// <summary>
/// Per-agent vote rate limiting, a decorator: a token bucket per agent (as Firecracker's rate limiter), holding at
/// most <see cref="Burst"/> tokens and gaining one every <see cref="Refill"/>; a vote takes a token, and a vote
/// finding none is refused with SCMI BUSY and never reaches the wrapped policy. Contains a flooding VM: its excess
/// votes cost the server a refusal, not an aggregation and a level decision. An agent's departure always passes and
/// forgets its bucket; a new agent starts with a full bucket.
/// </summary>
public sealed class VoteRateLimit : PolicyDecorator
{
    private readonly Dictionary<string, (long Tokens, SimTime Since)> _buckets = new(StringComparer.Ordinal);

    /// <summary>Buckets of <paramref name="burst"/> tokens refilled one per <paramref name="refill"/>, around <paramref name="inner"/>.</summary>
    public VoteRateLimit(IAggregationPolicy inner, int burst, SimTime refill) : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        if (refill <= SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(refill), refill, "refill period must be positive");
        Burst = burst;
        Refill = refill;
    }

    /// <summary>Votes an agent may send back to back.</summary>
    public int Burst { get; }

    /// <summary>Time to regain one token.</summary>
    public SimTime Refill { get; }

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote)
    {
        if (vote is AgentLeft)
        {
            _buckets.Remove(vote.Agent);
            return Inner.Accept(time, vote);
        }
        var (tokens, since) = _buckets.GetValueOrDefault(vote.Agent, (Burst, time));
        long gained = (time - since).Picoseconds / Refill.Picoseconds;
        tokens += gained;
        since += Refill * gained;
        if (tokens >= Burst) { tokens = Burst; since = time; }
        if (tokens == 0)
        {
            _buckets[vote.Agent] = (tokens, since);
            return VoteOutcome.Refused(ScmiStatus.Busy, $"{vote.Agent}: more than {Burst} votes per {Refill} refill");
        }
        _buckets[vote.Agent] = (tokens - 1, since);
        return Inner.Accept(time, vote);
    }
}
