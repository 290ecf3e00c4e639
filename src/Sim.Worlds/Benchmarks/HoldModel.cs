using Sim.Core.Actors;
using Sim.Core.Randomness;
using Sim.Core.Running;
using Sim.Core.Time;

namespace Sim.Worlds.Benchmarks;

/// <summary>
/// The classic hold model (Jones, "An empirical comparison of priority-queue and event-set implementations", CACM 1986)
/// through the public actor API: a ring of actors; every delivered event makes its handler send one new event to the
/// next actor at an exponentially distributed delay (mean <see cref="MeanDelay"/>), so the pending count stays fixed.
/// </summary>
public static class HoldModel
{
    /// <summary>The mean hold time, in picoseconds (the model's time unit).</summary>
    public const long MeanDelay = 1_000;

    private sealed class Hold
    {
        public static readonly Hold Instance = new();
    }

    private sealed class HoldActor(ActorRef next) : Actor
    {
        protected override void Receive(object message, ActorRef sender)
        {
            if (message is not Hold) Unhandled(message);
            Send(next, Hold.Instance, new SimTime((long)Random.NextExponential(MeanDelay)));
        }
    }

    /// <summary>
    /// A simulation with <paramref name="pending"/> events in flight among up to 1,024 actors; run it with an event
    /// budget.
    /// </summary>
    public static Simulation Build(int pending, ulong seed)
    {
        var simulation = new Simulation(seed, initialQueueCapacity: pending + 16);
        int actors = Math.Clamp(pending, 1, 1024);
        var ring = new HoldActor[actors];
        for (int i = 0; i < actors; i++) ring[i] = simulation.Add($"hold/{i}", new HoldActor(simulation.Reserve($"hold/{(i + 1) % actors}")));
        var setup = new ActorRandom(seed);
        for (int i = 0; i < pending; i++)
            simulation.Schedule(ring[i % actors].Ref, Hold.Instance, new SimTime((long)setup.NextExponential(MeanDelay)));
        return simulation;
    }
}
