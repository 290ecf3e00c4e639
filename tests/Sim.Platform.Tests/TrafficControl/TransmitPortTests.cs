using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network.TrafficControl;
using Sim.Tests.Shared;
using static Sim.Platform.Tests.TrafficControl.PortWorld;
using static Sim.Platform.Tests.TrafficControl.QdiscDriver;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>The transmit port: qdisc tree, NIC rings and arbitration, launch time, offloaded gates, the wire, and feedback.</summary>
public sealed class TransmitPortTests
{
    private static readonly int[] TwoClassMap = [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    private static MqprioSpec TwoClasses(IReadOnlyDictionary<int, QdiscSpec>? children = null, int limit = 1000) =>
        new(2, TwoClassMap, [new TxQueueRange(1, 0), new TxQueueRange(3, 1)],
            Children: children ?? Enumerable.Range(0, 4).ToDictionary(q => q, _ => (QdiscSpec)new PfifoFastSpec(limit)));

    [Fact]
    public void A_frame_crosses_after_dma_fetch_serialisation_and_propagation()
    {
        var world = Run(new PfifoFastSpec(), Nic(), [(Us(10), Frame(1))], Us(100));
        Assert.Equal(Us(10) + Us(1) + Wire(1514) + Propagation, Assert.Single(world.Arrived).At);
    }

    [Fact]
    public void With_etf_offload_the_nic_holds_a_frame_until_its_launch_time_and_without_it_sends_at_dequeue()
    {
        var frame = Frame(1, priority: 3, launch: Us(500));
        var offloaded = Run(TwoClasses(new Dictionary<int, QdiscSpec> { [0] = new EtfSpec(Us(100), Offload: true) }), Nic(), [(Us(10), frame)], Us(1000));
        Assert.Equal(Us(500), WireStart(Assert.Single(offloaded.Arrived).At, frame));
        var software = Run(TwoClasses(new Dictionary<int, QdiscSpec> { [0] = new EtfSpec(Us(100)) }), Nic(), [(Us(10), frame)], Us(1000));
        Assert.Equal(Us(401), WireStart(Assert.Single(software.Arrived).At, frame));
    }

    [Fact]
    public void With_taprio_full_offload_the_nic_starts_a_frame_only_in_its_open_gate_and_if_it_fits()
    {
        int[] map = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var spec = new TaprioSpec(2, map, [new TxQueueRange(1, 0), new TxQueueRange(1, 1)], SimTime.Zero,
            [new GateEntry(0b10, Us(100)), new GateEntry(0b01, Us(900))], FullOffload: true);
        var late = Us(100) - Wire(1514);                                // fetched 1 us later: would end 1 us past the close
        var world = Run(spec, new NicTransmitSpec(2, 2, Us(1), TxArbitration.LowestIndexFirst),
            [(Us(300), Frame(1, priority: 3)), (late + Us(2000), Frame(2, priority: 3)), (Us(2500), Frame(3, priority: 0))], Us(5000));
        Assert.Equal([Us(1000), Us(2501), Us(3000)], world.Arrived.Select(a => WireStart(a.At, a.Frame)).Order());
    }

    [Fact]
    public void A_tail_drop_counts_by_reason_and_tells_the_flow_source()
    {
        var bulk = Enumerable.Range(1, 6).Select(i => (Us(0), new NetFrame(1514, SimTime.Zero, i, Flow: 1, Timed: false))).ToList();
        var world = Run(new PfifoFastSpec(1), Nic(ringFrames: 1), bulk, Us(1000));
        Assert.Equal(2, world.Arrived.Count);                            // one in the ring, one in the band
        Assert.Equal(4, world.Port.DroppedFor(DropReason.Overlimit));
        Assert.Equal([3, 4, 5, 6], world.Losses.Select(l => l.Sequence));
    }

    [Fact]
    public void Every_frame_is_either_delivered_or_counted_dropped()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, 3)), Arb.From(Gen.Choose(1, 4)), Arb.From(Gen.Choose(0, int.MaxValue)), (kind, ring, seed) =>
        {
            var random = new Random(seed);
            QdiscSpec spec = kind switch
            {
                0 => new PfifoFastSpec(random.Next(1, 20)),
                1 => TwoClasses(new Dictionary<int, QdiscSpec> { [0] = new EtfSpec(Us(random.Next(0, 50)), Offload: random.Next(2) == 0), [1] = new PfifoFastSpec(3) }),
                _ => new TaprioSpec(2, TwoClassMap, [new TxQueueRange(1, 0), new TxQueueRange(3, 1)], Us(random.Next(0, 50)),
                    [new GateEntry((uint)random.Next(0, 4), Us(random.Next(1, 40))), new GateEntry((uint)random.Next(0, 4), Us(random.Next(1, 40)))],
                    FullOffload: kind == 3, SoftwareDequeueLatency: Us(random.Next(0, 5)), Children: new Dictionary<int, QdiscSpec> { [2] = new PfifoSpec(4) }),
            };
            var script = Enumerable.Range(1, 200).Select(i =>
            {
                var at = Us(random.Next(0, 1000));
                var launch = random.Next(4) == 0 ? SimTime.Zero : at + Us(random.Next(0, 200));
                return (at, new NetFrame(random.Next(64, 1515), SimTime.Zero, i, random.Next(0, 4), Timed: false, random.Next(0, 8), launch));
            }).ToList();
            var world = Run(spec, Nic(ring), script, Us(100_000));
            var port = world.Port;
            bool ok = port.Offered == 200 && world.Arrived.Count == port.Sent && port.Sent + port.Dropped == 200 && port.Held == 0;
            return ok.Label($"kind {kind}: offered {port.Offered}, sent {port.Sent}, arrived {world.Arrived.Count}, dropped {port.Dropped}, held {port.Held}");
        });
        Check.One(PropertyRuns.Config(60), property);
    }

    [Fact]
    public void A_higher_priority_frame_waits_behind_at_most_the_lower_priority_frame_already_on_the_wire()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(1, 8)), (seed, ring) =>
        {
            var random = new Random(seed);
            var low = Enumerable.Range(1, 400).Select(i => (Us(random.Next(0, 2000)), Frame(i, priority: 0, bytes: random.Next(64, 1515), flow: i)));
            var high = Enumerable.Range(1, 15).Select(i => (Us(i * 130 + random.Next(0, 100)), Frame(1000 + i, priority: 3, bytes: random.Next(64, 1515))));
            var world = Run(TwoClasses(), Nic(ring), low.Concat(high), Us(50_000));
            var starts = world.Arrived.Select(a => (Start: WireStart(a.At, a.Frame), a.Frame)).ToList();
            var bad = starts.Where(s => s.Frame.Priority == 3).Where(h =>
            {
                var ready = h.Frame.SentAt + Us(1);
                bool overtaken = starts.Any(l => l.Frame.Priority != 3 && l.Start > ready && l.Start < h.Start);
                return overtaken || h.Start - ready > Wire(1514);
            }).ToList();
            return (bad.Count == 0).Label($"{bad.Count} high-priority frames waited behind more than one frame; first #{bad.FirstOrDefault().Frame?.Sequence}");
        });
        Check.One(PropertyRuns.Config(40), property);
    }
}
