using Sim.Core.Time;

namespace Sim.Core.Randomness;

/// <summary>
/// A distribution of non-negative simulated delays (inter-arrival times, service times), sampled from an actor's own
/// stream so that every draw belongs to exactly one actor.
/// </summary>
public abstract record DelayDistribution
{
    /// <summary>The distribution's mean.</summary>
    public abstract SimTime Mean { get; }

    /// <summary>One draw, rounded to the nearest picosecond.</summary>
    public abstract SimTime Sample(ActorRandom random);
}

/// <summary>Exponentially distributed delays (a Poisson process's gaps): memoryless, rate 1/<see cref="Mean"/>.</summary>
public sealed record ExponentialDelay(SimTime MeanDelay) : DelayDistribution
{
    /// <inheritdoc />
    public override SimTime Mean => MeanDelay;

    /// <inheritdoc />
    public override SimTime Sample(ActorRandom random) =>
        new((long)Math.Round(random.NextExponential(MeanDelay.Picoseconds), MidpointRounding.ToEven));
}

/// <summary>Always the same delay.</summary>
public sealed record ConstantDelay(SimTime Value) : DelayDistribution
{
    /// <inheritdoc />
    public override SimTime Mean => Value;

    /// <inheritdoc />
    public override SimTime Sample(ActorRandom random) => Value;
}

/// <summary>Delays uniformly distributed over [<see cref="Min"/>, <see cref="Max"/>] in whole picoseconds.</summary>
public sealed record UniformDelay(SimTime Min, SimTime Max) : DelayDistribution
{
    /// <inheritdoc />
    public override SimTime Mean => new((Min.Picoseconds + Max.Picoseconds) / 2);

    /// <inheritdoc />
    public override SimTime Sample(ActorRandom random) =>
        new(Min.Picoseconds + (long)random.NextUInt64((ulong)(Max.Picoseconds - Min.Picoseconds) + 1));
}
