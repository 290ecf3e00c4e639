using BenchmarkDotNet.Attributes;
using Sim.Worlds.Benchmarks;
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

    /// <summary>Builds a fresh hold world with <see cref="Pending"/> events (the same model <c>sim bench kernel</c> runs).</summary>
    [IterationSetup]
    public void Setup()
    {
        _simulation = HoldModel.Build(Pending, seed: 1);
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
