using Sim.Core.Actors;
using Sim.Core.Randomness;
using Sim.Core.Statistics;

namespace Sim.Worlds.Queueing;

/// <summary>
/// Creates jobs with random gaps (a Poisson process when the gaps are exponential) and sends each to its route,
/// optionally stopping after a number of jobs. Counts <c>generated</c>.
/// </summary>
public sealed class JobSource : Actor
{
    private sealed class NextArrival
    {
        public static readonly NextArrival Instance = new();
    }

    private readonly DelayDistribution _interarrival;
    private readonly long? _limit;
    private readonly RouteTable _routes;
    private readonly Counter _generated;
    private long _created;

    /// <summary>A source of jobs <paramref name="interarrival"/> apart, at most <paramref name="limit"/> (null: no limit), sent along <paramref name="routes"/>.</summary>
    public JobSource(DelayDistribution interarrival, long? limit, RouteTable routes)
    {
        _interarrival = interarrival ?? throw new ArgumentNullException(nameof(interarrival));
        _limit = limit;
        _routes = routes ?? throw new ArgumentNullException(nameof(routes));
        _generated = NewCounter("generated");
    }

    /// <inheritdoc />
    protected override void OnStart()
    {
        if (_limit is not 0) SetTimer(NextArrival.Instance, NextArrival.Instance, _interarrival.Sample(Random));
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not NextArrival) Unhandled(message);
        _created++;
        _generated.Increment();
        Send(_routes.Pick(Random), new Job(Id.Path, _created, Now));
        if (_limit is null || _created < _limit) SetTimer(NextArrival.Instance, NextArrival.Instance, _interarrival.Sample(Random));
    }
}
