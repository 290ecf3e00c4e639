using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Randomness;

namespace Sim.Worlds.Queueing;

/// <summary>
/// A single-server FIFO queue: serves one job at a time for a random service time, then routes it on. Being a
/// <see cref="BusyResource"/>, it records <c>wait</c>, <c>sojourn</c>, <c>queue</c>, <c>utilization</c> and <c>served</c>.
/// With Poisson arrivals at rate λ and exponential service at rate μ it is an M/M/1 queue: mean sojourn 1/(μ − λ).
/// </summary>
/// <param name="service">The service time.</param>
/// <param name="routes">Where finished jobs go.</param>
public sealed class JobServer(DelayDistribution service, RouteTable routes) : BusyResource
{
    private static readonly CostKey ServiceKey = CostKey.Of("service");

    private readonly RouteTable _routes = routes ?? throw new ArgumentNullException(nameof(routes));

    /// <inheritdoc />
    protected override void Serve(object message, ActorRef sender)
    {
        if (message is not Job job)
        {
            Unhandled(message);
            return;
        }
        Spend(new CostCharge(ServiceKey, 1, service.Sample(Random)));
        Send(_routes.Pick(Random), job);
    }
}
