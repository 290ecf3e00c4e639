using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Running;

/// <summary>
/// A simulation split into partitions (<see cref="Simulation.Partition"/>) gives exactly the results of the same world
/// run as one logical process, whatever the window: every actor receives the same messages at the same times in the same
/// order, counters, findings and the outcome are the same (issue 21). Groups of actors that only send within their
/// group, on random delays from 0 ps to beyond a window, with timers (some cancelled), findings and counters.
/// </summary>
public sealed class PartitionedRunPropertyTests
{
    private sealed record Hop(int Number, int Depth);

    private sealed record World(ulong Seed, int[] GroupSizes, long Window, long Warmup)
    {
        public override string ToString() => $"seed {Seed}, groups [{string.Join(", ", GroupSizes)}], window {Window} ps, warm-up {Warmup} ps";
    }

    private const long End = 20_000;

    [Fact]
    public void A_partitioned_run_gives_the_results_of_one_process()
    {
        var worlds = from groups in Gen.Choose(2, 6)
                     from sizes in Gen.ArrayOf(Gen.Choose(1, 4), groups)
                     from seed in Gen.Choose(0, int.MaxValue)
                     from window in Gen.Elements(1L, 7L, 100L, 999L, 5_000L, 1_000_000L)
                     from warmup in Gen.Elements(0L, 1L, 3_000L)
                     select new World((ulong)seed, sizes, window, warmup);
        var property = Prop.ForAll(worlds.ToArbitrary(), w =>
        {
            string one = Run(w, partitioned: false), split = Run(w, partitioned: true);
            return (one == split).Label($"{w}:\none process:\n{Head(one)}\npartitioned:\n{Head(split)}");
        });
        Check.One(PropertyRuns.Config(120), property);
    }

    [Fact]
    public void A_send_to_another_partition_is_refused_as_a_model_bug()
    {
        var simulation = new Simulation(1);
        var log = new List<Delivery>();
        RecordingActor b;
        using (simulation.Partition("pb")) b = simulation.Add("b", new RecordingActor(log));
        using (simulation.Partition("pa")) simulation.Add("a", new RecordingActor(log, start: self => self.Tell(b.Ref, "hello", SimTime.Zero)));
        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(new RunLimits(new SimTime(10), SimTime.Zero)));
        Assert.Contains("'b' is in another partition", failure.InnerException!.Message);
    }

    [Fact]
    public void A_partitioned_run_takes_no_delivery_tap_and_no_event_budget()
    {
        var simulation = new Simulation(1);
        using (simulation.Partition("pa")) simulation.Add("a", new RecordingActor([]));
        Assert.Throws<InvalidOperationException>(() => simulation.DeliveryTap = new CountingTap());
        var budget = Assert.Throws<InvalidOperationException>(() => simulation.Run(new RunLimits(new SimTime(10), SimTime.Zero, MaxEvents: 5)));
        Assert.Contains("event budget", budget.Message);
    }

    /// <summary>The world's results as text: each actor's deliveries in its own order, then counters, findings and the outcome.</summary>
    private static string Run(World w, bool partitioned)
    {
        var simulation = new Simulation(w.Seed) { PartitionWindow = new SimTime(w.Window) };
        var logs = new SortedDictionary<string, List<Delivery>>(StringComparer.Ordinal);
        var counters = new Dictionary<string, Sim.Core.Statistics.Counter>();
        var groups = Enumerable.Range(0, w.GroupSizes.Length)
            .Select(g => Enumerable.Range(0, w.GroupSizes[g]).Select(i => $"g{g}/a{i}").ToArray()).ToArray();
        // Two passes, each group's partition opened in both: even members first, odd ones after every other group's.
        for (int pass = 0; pass < 2; pass++)
            for (int g = 0; g < groups.Length; g++)
            {
                using var scope = partitioned ? simulation.Partition($"g{g}") : null;
                var members = groups[g];
                var refs = members.ToDictionary(m => m, simulation.Reserve);
                foreach (string name in members.Where((_, i) => i % 2 == pass))
                {
                    var log = logs[name] = [];
                    int sent = 0;
                    simulation.Add(name, new RecordingActor(log,
                        react: (self, message, _) =>
                        {
                            counters[self.Id.Path].Increment();
                            if (message is not Hop hop || hop.Depth >= 40) return;
                            if (self.Rng.Next(8) == 0) self.Find("test-rule", $"hop {hop.Number} at depth {hop.Depth}");
                            if (self.Rng.Next(5) == 0) self.Timer("t", new Hop(++sent, hop.Depth + 1), new SimTime(self.Rng.Next(2_000)));
                            if (self.Rng.Next(7) == 0) self.Cancel("t");
                            int fanout = self.Rng.Next(10) switch { 0 => 0, 1 => 2, _ => 1 }; // a critical branching process: chains die out or go on
                            for (int i = fanout; i > 0; i--)
                            {
                                long delay = self.Rng.Next(4) switch { 0 => 0, 1 => self.Rng.Next(3), 2 => self.Rng.Next(500), _ => self.Rng.Next(12_000) };
                                self.Tell(refs[members[self.Rng.Next(members.Length)]], new Hop(++sent, hop.Depth + 1), new SimTime(delay));
                            }
                        },
                        start: self =>
                        {
                            counters[self.Id.Path] = self.Counter("received");
                            self.Tell(self.Ref, new Hop(0, 0), new SimTime(self.Rng.Next(100)));
                        }));
                }
            }
        var outcome = simulation.Run(new RunLimits(new SimTime(End), new SimTime(w.Warmup)));
        var text = new System.Text.StringBuilder();
        foreach (var (actor, log) in logs)
            foreach (var d in log) text.Append($"{actor} @{d.Time.Picoseconds} <- {d.Sender}: {d.Message}\n");
        foreach (var (path, summary) in simulation.Metrics.SummarizeAll(outcome.SimulatedTime))
            text.Append($"{path} {string.Join(' ', summary.Values.Select(v => v.Value))}\n");
        foreach (var f in simulation.Findings) text.Append($"{f}\n");
        text.Append($"{outcome}\n");
        return text.ToString();
    }

    private static string Head(string text) => string.Join('\n', text.Split('\n').Take(12));

    private sealed class CountingTap : IDeliveryTap
    {
        public void OnDeliver(long time, Actor? sender, Actor target, object message)
        {
        }
    }
}
