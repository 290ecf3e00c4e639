using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Platform.Network.TrafficControl;
using Sim.Tests.Shared;
using static Sim.Platform.Tests.TrafficControl.QdiscDriver;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>taprio in software mode (sch_taprio.c, IEEE 802.1Q-2018 8.6.8.4): gates, guard band, the next cycle, dequeue latency.</summary>
public sealed class TaprioTests
{
    // Two classes: priority 3 -> tc 1 (queue 1), everything else tc 0 (queue 0). 1 ms cycle: 100 us tc 1, 900 us tc 0.
    private static readonly int[] Map = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static TaprioSpec Spec(SimTime latency = default, params GateEntry[] entries) => new(2, Map,
        [new TxQueueRange(1, 0), new TxQueueRange(1, 1)], SimTime.Zero,
        entries.Length > 0 ? entries : [new GateEntry(0b10, Us(100)), new GateEntry(0b01, Us(900))], SoftwareDequeueLatency: latency);

    private static Taprio Build(TaprioSpec spec) => (Taprio)QdiscFactory.Build(spec, 2, Rate).Root;

    [Fact]
    public void A_frame_leaves_only_while_its_class_gate_is_open()
    {
        var outcome = Run(Build(Spec()), [(Us(50), Frame(1, priority: 0)), (Us(200), Frame(2, priority: 3))], Us(3000));
        Assert.Equal([Us(100), Us(1000)], outcome.Released.Select(r => r.At));
        Assert.Equal([0, 1], outcome.Released.Select(r => r.Output.TxQueue));
        Assert.Equal([Us(50), Us(800)], outcome.Released.Select(r => r.Output.GateWait));
    }

    [Fact]
    public void A_frame_that_would_run_past_its_gate_close_waits_for_the_next_cycle()
    {
        var wire = Wire(1514);                                                  // 4.9216 us
        var arrive = Us(100) - wire + SimTime.FromNanoseconds(1);               // ends 1 ns after the gate of tc 1 closes
        var outcome = Run(Build(Spec()), [(arrive, Frame(1, priority: 3))], Us(3000));
        Assert.Equal([Us(1000)], outcome.Released.Select(r => r.At));
        var fits = Run(Build(Spec()), [(Us(100) - wire, Frame(1, priority: 3))], Us(3000));
        Assert.Equal([Us(100) - wire], fits.Released.Select(r => r.At));       // ends exactly at the close: allowed
    }

    [Fact]
    public void Consecutive_entries_that_keep_a_gate_open_are_one_window()
    {
        var spec = Spec(default, new GateEntry(0b01, Us(2)), new GateEntry(0b11, Us(8)), new GateEntry(0b10, Us(90)));
        var outcome = Run(Build(spec), [(Us(0), Frame(1, priority: 0)), (Us(0), Frame(2, priority: 0))], Us(300));
        // two 4.92 us frames fit in tc 0's 10 us window although its first entry lasts 2 us
        Assert.Equal([Us(0), Wire(1514)], outcome.Released.Select(r => r.At));
    }

    [Fact]
    public void In_software_mode_a_gate_opening_takes_effect_after_the_dequeue_latency()
    {
        var outcome = Run(Build(Spec(Us(7))), [(Us(500), Frame(1, priority: 3))], Us(3000));
        Assert.Equal([Us(1007)], outcome.Released.Select(r => r.At));
    }

    [Fact]
    public void Higher_traffic_classes_are_served_first_when_both_gates_are_open()
    {
        var spec = Spec(default, new GateEntry(0b11, Us(100)), new GateEntry(0b00, Us(10)));
        var outcome = Run(Build(spec), [(Us(0), Frame(1, priority: 0)), (Us(0), Frame(2, priority: 3))], Us(300), serial: false);
        Assert.Equal([2, 1], outcome.Released.Select(r => r.Output.Frame.Sequence));
    }

    [Fact]
    public void A_frame_longer_than_any_window_of_its_class_is_dropped_at_enqueue()
    {
        var spec = Spec(default, new GateEntry(0b10, Us(2)), new GateEntry(0b01, Us(98)));
        Assert.Equal(DropReason.MaxSdu, Build(spec).Enqueue(Frame(1, priority: 3, bytes: 1514), Us(0)));
        Assert.Null(Build(spec).Enqueue(Frame(2, priority: 3, bytes: 500), Us(0)));
    }

    [Fact]
    public void Gates_are_closed_before_the_base_time()
    {
        var spec = Spec() with { BaseTime = Us(5000) };
        var outcome = Run(Build(spec), [(Us(0), Frame(1, priority: 0))], Us(9000));
        Assert.Equal([Us(5100)], outcome.Released.Select(r => r.At));
    }

    [Fact]
    public void No_frame_leaves_while_its_gate_is_closed_or_runs_past_its_close()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(1, 6)), Arb.From(Gen.Choose(0, 20)), Arb.From(Gen.Choose(0, int.MaxValue)), (entries, latencyUs, seed) =>
        {
            var random = new Random(seed);
            var list = Enumerable.Range(0, entries).Select(_ => new GateEntry((uint)random.Next(0, 4), Us(random.Next(1, 60)))).ToArray();
            var spec = Spec(Us(latencyUs), list) with { BaseTime = Us(random.Next(0, 100)) };
            var taprio = Build(spec);
            var schedule = taprio.Schedule;
            var arrivals = Enumerable.Range(1, 80).Select(i => (Us(random.Next(0, 2000)), Frame(i, random.Next(0, 2) * 3, random.Next(64, 1515)))).ToList();
            var outcome = Run(taprio, arrivals, Us(20_000));
            var bad = outcome.Released.Where(r =>
            {
                int tc = taprio.Layout.ClassOf(r.Output.Frame.Priority);
                if (schedule.Window(tc, r.At) is not { } window) return true;
                return r.At + Wire(r.Output.Frame.Bytes) > window.Close || r.At < window.Open + Us(latencyUs);
            }).ToList();
            return (bad.Count == 0).Label($"{bad.Count} frames left a closed gate or ran past it; first at {bad.FirstOrDefault().At}");
        });
        Check.One(PropertyRuns.Config(100), property);
    }
}
