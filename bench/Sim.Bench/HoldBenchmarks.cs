using BenchmarkDotNet.Attributes;
using Sim.Core.Actors;
using Sim.Core.Randomness;
using Sim.Core.Running;
using Sim.Core.Time;

namespace Sim.Bench;

/// <summary>
/// The hold model through the actor API (as <c>sim bench kernel</c>), 100,000 events per invocation, at several
/// pending-set sizes: the cost of one event end to end, and what it allocates.
/// </summary>
[MemoryDiagnoser]
public class HoldBenchmarks
{
    private const int EventsPerInvocation = 100_000;
    private Simulation _simulation = null!;
    private long _delivered;

    /// <summary>Events kept pending.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int Pending { get; set; }

    private sealed class Hold
    {
        public static readonly Hold Instance = new();
    }

    private sealed class HoldActor : Actor
    {
        public ActorRef Next;

        protected override void Receive(object message, ActorRef sender) =>
            Send(Next, Hold.Instance, new SimTime((long)Random.NextExponential(1000)));
    }

    /// <summary>Builds a fresh hold world with <see cref="Pending"/> events and starts it.</summary>
    [IterationSetup]
    public void Setup()
    {
        _simulation = new Simulation(1, initialQueueCapacity: Pending + 16);
        var ring = Enumerable.Range(0, 1024).Select(i => _simulation.Add($"hold/{i}", new HoldActor())).ToArray();
        for (int i = 0; i < ring.Length; i++) ring[i].Next = ring[(i + 1) % ring.Length].Ref;
        var random = new ActorRandom(2);
        for (int i = 0; i < Pending; i++)
            _simulation.Schedule(ring[i % ring.Length].Ref, Hold.Instance, new SimTime((long)random.NextExponential(1000)));
        _delivered = 0;
    }

    /// <summary>Delivers 100,000 events.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public long HundredThousandEvents()
    {
        var outcome = _simulation.Run(new RunLimits(SimTime.MaxValue, SimTime.Zero, EventsPerInvocation));
        _delivered += outcome.Events;
        return _delivered;
    }
}
