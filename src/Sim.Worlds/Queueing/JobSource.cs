using Sim.Core.Actors;
using Sim.Core.Randomness;
using Sim.Core.Statistics;

namespace Sim.Worlds.Queueing;

/// <summary>
/// Creates jobs with random gaps (a Poisson process when the gaps are exponential) and sends each to its route,
/// optionally stopping after a number of jobs. Counts <c>generated</c>.
/// </summary>
public sealed class JobSource(DelayDistribution interarrival, long? limit) : Actor
{
    private sealed class NextArrival
    {
        public static readonly NextArrival Instance = new();
    }

    private long _created;
    private Counter? _generated;

    private RouteTable? _routes;

    /// <summary>Where jobs go; set by the world builder before the run (required: a run without it stops at time zero).</summary>
    public RouteTable? Routes { get; set; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        _routes = RequireWired(Routes);
        _generated = NewCounter("generated");
        if (limit is not 0) SetTimer(NextArrival.Instance, NextArrival.Instance, interarrival.Sample(Random));
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not NextArrival) Unhandled(message);
        _created++;
        _generated!.Increment();
        Send(_routes!.Pick(Random), new Job(Id.Path, _created, Now));
        if (limit is null || _created < limit) SetTimer(NextArrival.Instance, NextArrival.Instance, interarrival.Sample(Random));
    }
}
