using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

/// <summary>
/// The delivery order depends on the actors and their behaviour, never on the order in which the actors were
/// created or added to the simulation (docs/ARCHITECTURE.md, and the design brief's "Event order").
/// </summary>
public sealed class DeliveryOrderPropertyTests
{
    private sealed record Hop(string Origin, int Number, int Depth);

    [Fact]
    public void Delivery_order_does_not_depend_on_creation_or_registration_order()
    {
        var world = from count in Gen.Choose(2, 10)
                    from names in Gen.ArrayOf(Gen.Elements("vm1", "vm2", "dom0", "net", "blk", "cpu0", "cpu1", "bus", "scmi", "gpu", "a", "b", "c"), count)
                    from seed in Gen.Choose(0, int.MaxValue)
                    let distinct = names.Distinct().Select((n, i) => $"{n}/{i}").ToArray()
                    from orderA in Gen.Shuffle(distinct)
                    from orderB in Gen.Shuffle(distinct)
                    select (Seed: (ulong)seed, OrderA: orderA, OrderB: orderB);

        var property = Prop.ForAll(world.ToArbitrary(), w =>
        {
            var logA = RunWorld(w.Seed, w.OrderA);
            var logB = RunWorld(w.Seed, w.OrderB);
            bool same = logA.Count == logB.Count && logA.Zip(logB).All(p => p.First == p.Second);
            return (same && logA.Count > w.OrderA.Length).Label($"{logA.Count} vs {logB.Count} deliveries");
        });
        Check.One(PropertyRuns.Config(150), property);
    }

    /// <summary>
    /// Every actor starts one message chain; on each hop it sends 1-2 messages to random actors (from its own stream)
    /// with delays of 0, 1 or 2 ps, so same-time events from many senders are the rule, not the exception.
    /// </summary>
    private static List<string> RunWorld(ulong seed, string[] registrationOrder)
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(seed);
        var byName = new SortedDictionary<string, RecordingActor>(StringComparer.Ordinal);
        var targets = registrationOrder.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var refs = new Dictionary<string, ActorRef>();
        int counter = 0;
        foreach (string name in registrationOrder)
        {
            int sent = 0;
            var actor = new RecordingActor(log,
                react: (self, message, _) =>
                {
                    var hop = (Hop)message;
                    if (hop.Depth >= 6) return;
                    int fanout = self.Rng.Next(1, 3);
                    for (int i = 0; i < fanout; i++)
                    {
                        string to = targets[self.Rng.Next(targets.Length)];
                        self.Tell(refs[to], new Hop(self.Id.Path, ++sent, hop.Depth + 1), new SimTime(self.Rng.Next(3)));
                    }
                },
                start: self => self.Tell(self.Ref, new Hop(self.Id.Path, 0, 0), SimTime.Zero));
            counter++;
            byName[name] = simulation.Add(name, actor);
            refs[name] = actor.Ref;
        }
        simulation.Run(new RunLimits(new SimTime(1_000), SimTime.Zero));
        return log.Select(d => $"{d.Time.Picoseconds} {d.Target} <- {d.Sender} {d.Message}").ToList();
    }
}
