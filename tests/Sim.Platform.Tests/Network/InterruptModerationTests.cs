using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;
using Sim.Tests.Shared;

namespace Sim.Platform.Tests.Network;

/// <summary>
/// igc's interrupt moderation (<see cref="InterruptThrottle"/>, <c>igc_update_ring_itr</c>): the adaptive interval from
/// the average frame, the conservative floor, the one-interrupt lag before a new value applies, and, on a
/// <see cref="HostStage"/>, interrupts never closer together than the interval in force while a lone frame on a quiet
/// queue is served at once.
/// </summary>
public sealed class InterruptModerationTests
{
    private static readonly RunLimits TenMilliseconds = new(SimTime.FromMilliseconds(10), SimTime.Zero);

    [Theory]
    [InlineData(1514, 769, 192_000)]   // (1514 + 24) / 2 = 769, masked to 768 when written: 192 us, ~5,200 interrupts a second
    [InlineData(9014, 1500, 375_000)]  // jumbo frames: the average is capped at 3000 bytes
    [InlineData(700, 241, 60_000)]     // mid-size frames are divided by 3: (700 + 24) / 3 = 241, masked to 240 when written
    [InlineData(128, 196, 49_000)]     // small frames: the conservative mode's floor, IGC_20K_ITR
    public void The_adaptive_interval_follows_the_average_frame(int frameBytes, int pendingItr, long intervalNs)
    {
        var throttle = new InterruptThrottle(InterruptModeration.Adaptive);
        Assert.Equal(SimTime.FromMicroseconds(162), throttle.Interval);   // IGC_START_ITR, 648

        throttle.Fire(SimTime.Zero);
        throttle.Count(40, 40L * frameBytes);
        throttle.PollComplete();

        Assert.Equal(pendingItr, throttle.PendingItr);
        // The new value waits for the next interrupt's handler to write it (igc_write_itr).
        Assert.Equal(SimTime.FromMicroseconds(162), throttle.Interval);
        throttle.Fire(SimTime.FromMicroseconds(162));
        Assert.Equal(SimTime.FromNanoseconds(intervalNs), throttle.Interval);
    }

    [Fact]
    public void A_poll_with_no_frames_keeps_the_value_and_fixed_moderation_never_adapts()
    {
        var adaptive = new InterruptThrottle(InterruptModeration.Adaptive);
        adaptive.PollComplete();
        Assert.Equal(InterruptThrottle.StartItr, adaptive.PendingItr);

        var fixedInterval = new InterruptThrottle(InterruptModeration.Fixed(SimTime.FromMicroseconds(50)));
        fixedInterval.Fire(SimTime.Zero);
        fixedInterval.Count(10, 15_140);
        fixedInterval.PollComplete();
        fixedInterval.Fire(SimTime.FromMicroseconds(50));
        Assert.Equal(SimTime.FromMicroseconds(50), fixedInterval.Interval);
        Assert.Equal(SimTime.FromMicroseconds(120), fixedInterval.EarliestInterrupt(SimTime.FromMicroseconds(60)) + SimTime.FromMicroseconds(20));
        Assert.Same(InterruptModeration.Off, InterruptModeration.Fixed(SimTime.Zero));
    }

    [Fact]
    public void The_first_interrupt_and_one_after_a_quiet_interval_are_raised_at_once()
    {
        var throttle = new InterruptThrottle(InterruptModeration.Adaptive);
        Assert.Equal(SimTime.FromMicroseconds(3), throttle.EarliestInterrupt(SimTime.FromMicroseconds(3)));
        throttle.Fire(SimTime.FromMicroseconds(3));
        Assert.Equal(SimTime.FromMicroseconds(165), throttle.EarliestInterrupt(SimTime.FromMicroseconds(10)));
        Assert.Equal(SimTime.FromMicroseconds(500), throttle.EarliestInterrupt(SimTime.FromMicroseconds(500)));
    }

    /// <summary>A moderated NIC stage fed <paramref name="arrivals"/> (time in ns, frame bytes); returns the stage and its receiver's latencies.</summary>
    private static (Simulation Simulation, LogLinearHistogram Latencies) Run(InterruptModeration? moderation, IEnumerable<(long AtNs, int Bytes)> arrivals,
        SimTime interrupt = default)
    {
        var simulation = new Simulation(5);
        var app = simulation.Add("host2/app", new LatencySink());
        var costs = new HostStageCosts(SimTime.FromNanoseconds(500), SimTime.Zero, SimTime.Zero, "net.host.nic", interrupt);
        var stage = simulation.Add("host2/nic", new HostStage(costs, 10_000, app.Ref, FlowFeedback.None)
        {
            Moderation = moderation,
        });
        long sequence = 0;
        foreach (var (atNs, bytes) in arrivals)
        {
            var at = SimTime.FromNanoseconds(atNs);
            simulation.Schedule(stage.Ref, new NetFrame(bytes, at, ++sequence), at);
        }
        simulation.Run(TenMilliseconds);
        return (simulation, ((LatencyHistogram)simulation.Metrics.Find("host2/app/rxLatency")!).Histogram);
    }

    [Fact]
    public void A_bulk_stream_is_served_in_bursts_192_us_apart_and_a_lone_frame_at_once()
    {
        // 1514-byte frames every 5 us for 5 ms: after the first interval (162 us) every interrupt comes 192 us after the
        // last and its poll takes the ~38 frames waiting (19 us of work) and those arriving meanwhile, so the first frame
        // after the poll waits longest: 192 us less the poll, about 174 us.
        var (bulk, latencies) = Run(InterruptModeration.Adaptive, Enumerable.Range(0, 1000).Select(i => (i * 5_000L, 1514)));
        Assert.Equal(1000, latencies.Count);
        Assert.InRange(latencies.Max, SimTime.FromMicroseconds(165).Picoseconds, SimTime.FromMicroseconds(180).Picoseconds);
        var ledger = (Sim.Core.Costs.CostLedger)bulk.Metrics.Find("host2/nic/costs")!;
        long throttled = ledger.Lines.Single(l => l.Name == "net.host.nic.interruptThrottle").Count;
        Assert.InRange(throttled, 5_000 / 192 - 1, 5_000 / 162 + 1);
        // Every interrupt but the first held a frame back; the first came at once.
        Assert.Equal(throttled + 1, ((Counter)bulk.Metrics.Find("host2/nic/nicInterrupts")!).Value);

        var (_, lone) = Run(InterruptModeration.Adaptive, [(0, 128), (1_000_000, 128), (2_000_000, 128)]);
        Assert.Equal(SimTime.FromNanoseconds(500).Picoseconds, lone.Max);   // each frame's own work only

        var (offWorld, off) = Run(InterruptModeration.Off, Enumerable.Range(0, 1000).Select(i => (i * 5_000L, 1514)));
        Assert.Equal(SimTime.FromNanoseconds(500).Picoseconds, off.Max);
        Assert.Equal(1000, ((Counter)offWorld.Metrics.Find("host2/nic/nicInterrupts")!).Value);   // every frame finds the queue idle

        // A stage whose interrupts are not modelled has no counter, so other scenarios' results keep their metrics.
        var (plain, _) = Run(null, [(0, 128)]);
        Assert.Null(plain.Metrics.Find("host2/nic/nicInterrupts"));
    }

    [Fact]
    public void Moderation_trades_the_interrupts_cpu_for_latency()
    {
        // The same bulk stream with 1.5 us of CPU per interrupt: without moderation every frame pays an interrupt and
        // leaves after 2 us; adaptive moderation pays one per 192 us and holds frames up to ~174 us instead.
        var stream = Enumerable.Range(0, 1000).Select(i => (i * 5_000L, 1514)).ToList();
        var interrupt = SimTime.FromNanoseconds(1_500);
        var (offWorld, off) = Run(InterruptModeration.Off, stream, interrupt);
        var (adaptiveWorld, adaptive) = Run(InterruptModeration.Adaptive, stream, interrupt);

        SimTime InterruptCpu(Simulation world) =>
            ((Sim.Core.Costs.CostLedger)world.Metrics.Find("host2/nic/costs")!).Lines.Single(l => l.Name == "net.host.nic.interrupt").Busy;
        Assert.Equal(interrupt * 1000, InterruptCpu(offWorld));
        long adaptiveInterrupts = ((Counter)adaptiveWorld.Metrics.Find("host2/nic/nicInterrupts")!).Value;
        Assert.Equal(interrupt * adaptiveInterrupts, InterruptCpu(adaptiveWorld));
        Assert.InRange(adaptiveInterrupts, 5_000 / 192, 5_000 / 162 + 2);
        Assert.Equal((SimTime.FromNanoseconds(500) + interrupt).Picoseconds, off.Max);
        Assert.InRange(adaptive.Max, SimTime.FromMicroseconds(150).Picoseconds, SimTime.FromMicroseconds(180).Picoseconds);
    }

    [Fact]
    public void Interrupts_are_never_closer_together_than_the_interval_in_force_and_never_later()
    {
        // A queue's life as igc lives it, from random gaps and polls of random frames: each interrupt is raised at the
        // first instant a waiting frame may raise it, at least the interval in force after the previous one, and at once
        // when that interval has passed.
        var poll = from gap in Gen.Choose(0, 400_000)
                   from packets in Gen.Choose(0, 64)
                   from bytes in Gen.Elements(60, 128, 700, 1200, 1514, 9014)
                   select (GapNs: gap, Packets: packets, Bytes: bytes);
        var property = Prop.ForAll(Arb.From(poll.ListOf()), polls =>
        {
            var throttle = new InterruptThrottle(InterruptModeration.Adaptive);
            var now = SimTime.Zero;
            SimTime? last = null;
            var interval = SimTime.Zero;
            foreach (var (gapNs, packets, bytes) in polls)
            {
                now += SimTime.FromNanoseconds(gapNs);
                var raised = throttle.EarliestInterrupt(now);
                if (raised < now) return false;
                if (last is { } previous)
                {
                    var allowed = previous + interval;
                    if (raised < allowed || raised != (allowed > now ? allowed : now)) return false;
                }
                else if (raised != now) return false;
                throttle.Fire(raised);
                last = raised;
                interval = throttle.Interval;
                if (interval < InterruptThrottle.IntervalOf(InterruptThrottle.ConservativeFloorItr) || interval > SimTime.FromMicroseconds(375)) return false;
                throttle.Count(packets, (long)packets * bytes);
                throttle.PollComplete();
                now = raised;
            }
            return true;
        });
        Check.One(PropertyRuns.Config(200), property);
    }
}
