using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Tests.Shared;

namespace Sim.Core.Tests.Actors;

/// <summary>
/// Resources on a <see cref="SharedThread"/> (a worker several producers queue work to): their pieces of work never
/// overlap, each message is served exactly once, the thread goes round in the order the resources asked, the thread is
/// never idle while work waits for it, and only a piece that found both its resource and the thread idle had to wake it.
/// </summary>
public sealed class SharedThreadTests
{
    /// <summary>Serves each message for the time it carries and records when it ran and whether it found things idle.</summary>
    private sealed class Worker(List<(string Who, long Start, long End, bool FoundIdle)> log, string name) : BusyResource
    {
        protected override void Serve(object message, ActorRef sender)
        {
            var work = (SimTime)message;
            Spend(work);
            log.Add((name, Now.Picoseconds, (Now + work).Picoseconds, FoundIdle));
        }
    }

    private static (Simulation Simulation, List<(string Who, long Start, long End, bool FoundIdle)> Log) World(
        IEnumerable<(int Resource, long At, long Work)> arrivals, int resources, bool shared = true)
    {
        var log = new List<(string Who, long Start, long End, bool FoundIdle)>();
        var simulation = new Simulation(1);
        var thread = simulation.Add("thread", new SharedThread());
        var workers = new List<Worker>();
        for (int i = 0; i < resources; i++)
        {
            var worker = simulation.Add($"r{i}", new Worker(log, $"r{i}"));
            if (shared) worker.RunOn(thread.Ref);
            workers.Add(worker);
        }
        foreach (var (resource, at, work) in arrivals)
            simulation.Schedule(workers[resource].Ref, new SimTime(work), new SimTime(at));
        simulation.Run(new RunLimits(SimTime.FromMilliseconds(1), SimTime.Zero));
        return (simulation, log);
    }

    [Fact]
    public void Two_resources_take_turns_on_the_thread_in_the_order_they_asked()
    {
        // r0 gets two pieces at 0, r1 one at 1 ps: r0's first piece runs, then r1 (which asked before r0 asked again), then r0's second.
        var (_, log) = World([(0, 0, 10), (0, 0, 10), (1, 1, 5)], resources: 2);
        Assert.Equal([("r0", 0L, 10L), ("r1", 10L, 15L), ("r0", 15L, 25L)], log.Select(l => (l.Who, l.Start, l.End)));
        // Only the first piece found its resource and the thread idle: it had to wake the thread.
        Assert.Equal([true, false, false], log.Select(l => l.FoundIdle));
    }

    [Fact]
    public void Without_a_shared_thread_the_same_resources_run_in_parallel()
    {
        var (_, log) = World([(0, 0, 10), (0, 0, 10), (1, 1, 5)], resources: 2, shared: false);
        Assert.Equal([("r0", 0L, 10L), ("r1", 1L, 6L), ("r0", 10L, 20L)], log.Select(l => (l.Who, l.Start, l.End)).OrderBy(l => l.Item2));
        Assert.Equal(2, log.Count(l => l.FoundIdle));
    }

    [Fact]
    public void Pieces_on_a_shared_thread_never_overlap_are_each_served_once_and_leave_the_thread_idle_only_when_nothing_waits()
    {
        var arrivals = from resources in Gen.Choose(1, 5)
                       from pieces in Gen.ListOf(
                           from resource in Gen.Choose(0, resources - 1)
                           from at in Gen.Choose(0, 200)
                           from work in Gen.Choose(1, 40)
                           select (Resource: resource, At: (long)at, Work: (long)work))
                       select (Resources: resources, Pieces: pieces.ToList());

        var property = Prop.ForAll(arrivals.ToArbitrary(), world =>
        {
            var (_, log) = World(world.Pieces, world.Resources);
            var ordered = log.OrderBy(l => l.Start).ToList();
            bool disjoint = ordered.Zip(ordered.Skip(1)).All(p => p.First.End <= p.Second.Start);
            bool once = log.Count == world.Pieces.Count
                && log.GroupBy(l => l.Who).All(g => g.Count() == world.Pieces.Count(p => $"r{p.Resource}" == g.Key));
            // Work conservation: a resource serves its pieces in arrival order, and while any piece waits the thread is busy.
            bool conserving = true;
            foreach (var group in world.Pieces.GroupBy(p => p.Resource))
            {
                var arrived = group.Select(p => p.At).Order().ToList();
                var started = log.Where(l => l.Who == $"r{group.Key}").Select(l => l.Start).Order().ToList();
                for (int k = 0; k < arrived.Count && conserving; k++) conserving = Covered(ordered, arrived[k], started[k]);
            }
            return (disjoint && once && conserving).Label($"disjoint {disjoint}, once {once}, conserving {conserving}");
        });
        Check.One(PropertyRuns.Config(200), property);
    }

    /// <summary>Whether the pieces in <paramref name="ordered"/> keep the thread busy without a gap from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static bool Covered(List<(string Who, long Start, long End, bool FoundIdle)> ordered, long from, long to)
    {
        long t = from;
        while (t < to)
        {
            var running = ordered.FirstOrDefault(o => o.Start <= t && t < o.End);
            if (running.Who is null) return false;
            t = running.End;
        }
        return true;
    }

    [Fact]
    public void Giving_back_a_thread_one_does_not_hold_is_a_model_bug()
    {
        var simulation = new Simulation(1);
        var thread = simulation.Add("thread", new SharedThread());
        simulation.Schedule(thread.Ref, ThreadRelease.Instance, SimTime.Zero);
        var error = Assert.Throws<ActorFailedException>(() => simulation.Run(new RunLimits(SimTime.FromMicroseconds(1), SimTime.Zero)));
        Assert.Contains("gave back a thread held by 'nobody'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_the_thread_does_not_know_is_a_model_bug()
    {
        var simulation = new Simulation(1);
        var thread = simulation.Add("thread", new SharedThread());
        simulation.Schedule(thread.Ref, "hello", SimTime.Zero);
        var error = Assert.Throws<ActorFailedException>(() => simulation.Run(new RunLimits(SimTime.FromMicroseconds(1), SimTime.Zero)));
        Assert.Equal("thread", error.Actor);
        Assert.Equal("String", error.MessageType);
        Assert.IsType<UnknownMessageException>(error.InnerException);
    }
}
