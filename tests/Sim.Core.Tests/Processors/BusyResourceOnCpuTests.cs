using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Actors;
using Sim.Core.Processors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Tests.Shared;

namespace Sim.Core.Tests.Processors;

/// <summary>
/// A <see cref="BusyResource"/> whose work runs on <see cref="CpuCores"/> (<see cref="BusyResource.RunOnCpu"/>): with a
/// core of its own it behaves exactly as with no CPU model, and sharing a core delays its sends by the wait for the core.
/// </summary>
public sealed class BusyResourceOnCpuTests
{
    /// <summary>Spends the first work, sends "mid", spends the second, sends "end", to the sink.</summary>
    private sealed class Worker(ActorRef sink, string name) : BusyResource
    {
        protected override void Serve(object message, ActorRef sender)
        {
            var (first, second) = ((SimTime, SimTime))message;
            Spend(first);
            Send(sink, $"{name} mid");
            Spend(second);
            Send(sink, $"{name} end", SimTime.FromNanoseconds(1));
        }
    }

    private sealed class Sink(List<(string What, long At)> log) : Actor
    {
        protected override void Receive(object message, ActorRef sender) => log.Add(((string)message, Now.Picoseconds));
    }

    [Fact]
    public void With_a_core_of_its_own_a_resource_sends_exactly_when_it_would_without_a_cpu_model()
    {
        var arrivals = from count in Gen.Choose(1, 12)
                       from items in Gen.ArrayOf(
                           from resource in Gen.Choose(0, 2)
                           from at in Gen.Choose(0, 2_000)
                           from first in Gen.Elements(0, 1, 30, 200)
                           from second in Gen.Elements(0, 5, 100, 700)
                           select (resource, (long)at * 1000, (long)first * 1000, (long)second * 1000), count)
                       select items;
        Check.One(PropertyRuns.Config(200), Prop.ForAll(arrivals.ToArbitrary(), items =>
        {
            var plain = Run(items, cpus: false);
            var onCpus = Run(items, cpus: true);
            return plain.SequenceEqual(onCpus).Label($"plain [{string.Join(", ", plain)}] vs on cores [{string.Join(", ", onCpus)}]");
        }));
    }

    [Fact]
    public void Two_resources_sharing_one_core_take_turns_and_their_sends_wait_for_the_core()
    {
        var log = new List<(string What, long At)>();
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new Sink(log));
        var cpus = simulation.Add("cpus", new CpuCores(1, FairSchedulerSettings.Linux(1), [new CpuThreadSpec("a"), new CpuThreadSpec("b")]));
        var a = simulation.Add("a", new Worker(sink.Ref, "a"));
        var b = simulation.Add("b", new Worker(sink.Ref, "b"));
        a.RunOnCpu(cpus.Ref, 0);
        b.RunOnCpu(cpus.Ref, 1);
        simulation.Schedule(a.Ref, (Ms(2), Ms(2)), SimTime.Zero);
        simulation.Schedule(b.Ref, (Ms(1), Ms(1)), SimTime.Zero);
        simulation.Run(new RunLimits(SimTime.FromSeconds(1), SimTime.Zero));
        // a starts alone with a 6 ms slice, shrunk to 3 ms when b joins: a runs 0-3 ms (its "mid" at 2 ms), b 3-5 ms,
        // then a's last millisecond 5-6 ms.
        Assert.Equal([("a mid", Ms(2).Picoseconds), ("b mid", Ms(4).Picoseconds), ("b end", (Ms(5) + Ns(1)).Picoseconds),
            ("a end", (Ms(6) + Ns(1)).Picoseconds)], log);
    }

    private static List<(string What, long At)> Run((int Resource, long At, long First, long Second)[] items, bool cpus)
    {
        var log = new List<(string What, long At)>();
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new Sink(log));
        var workers = Enumerable.Range(0, 3).Select(i => simulation.Add($"w{i}", new Worker(sink.Ref, $"w{i}"))).ToArray();
        if (cpus)
        {
            var threads = Enumerable.Range(0, 3).Select(i => new CpuThreadSpec($"w{i}", Affinity: [i])).ToArray();
            var cores = simulation.Add("cpus", new CpuCores(3, FairSchedulerSettings.Linux(3), threads));
            for (int i = 0; i < 3; i++) workers[i].RunOnCpu(cores.Ref, i);
        }
        foreach (var (resource, at, first, second) in items)
            simulation.Schedule(workers[resource].Ref, (new SimTime(first), new SimTime(second)), new SimTime(at));
        simulation.Run(new RunLimits(SimTime.FromSeconds(1), SimTime.Zero));
        return log.OrderBy(l => l.At).ThenBy(l => l.What, StringComparer.Ordinal).ToList();
    }

    private static SimTime Ms(double value) => SimTime.FromMilliseconds(value);
    private static SimTime Ns(double value) => SimTime.FromNanoseconds(value);
}
