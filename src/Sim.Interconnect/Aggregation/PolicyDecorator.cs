using Sim.Core.Time;

namespace Sim.Interconnect.Aggregation;

/// <summary>
/// A policy that wraps another: by default it forwards every vote and decision to <see cref="Inner"/> unchanged;
/// a decorator overrides the side it changes (caps change votes, hysteresis and rate limiting change decisions).
/// Decorators nest: <c>new RateLimit(new PerAgentCaps(new IccAggregation(table), caps), interval)</c>.
/// </summary>
public abstract class PolicyDecorator : AggregationPolicy
{
    /// <summary>A decorator around <paramref name="inner"/>, sharing its table.</summary>
    protected PolicyDecorator(IAggregationPolicy inner) : base((inner ?? throw new ArgumentNullException(nameof(inner))).Table) =>
        Inner = inner;

    /// <summary>The wrapped policy.</summary>
    public IAggregationPolicy Inner { get; }

    /// <inheritdoc />
    protected override VoteOutcome Take(SimTime time, BusVote vote) => Inner.Accept(time, vote);

    /// <inheritdoc />
    protected override LevelDecision Choose(SimTime time) => Inner.Decide(time);
}
