using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Gpu;
using Sim.Platform.Display;
using Sim.Interconnect.Bus;

namespace Sim.Platform.Tests.Display;

/// <summary>The display controller reading each frame over the fluid bus before the next vblank (virtio 1.2, 5.7).</summary>
public sealed class ScanoutActorTests
{
    // 1920 × 1080 × 4 = 8,294,400 B per frame; 60 Hz: 497,664,000 B/s; period 16,666,666,667 ps.
    private static readonly GpuDisplayMode FullHd60 = GpuDisplayMode.AtHz(1920, 1080, GpuFormat.B8G8R8X8Unorm, 60);

    // 1280 × 720 × 4 = 3,686,400 B per frame; 60 Hz: 221,184,000 B/s.
    private static readonly GpuDisplayMode Hd60 = GpuDisplayMode.AtHz(1280, 720, GpuFormat.B8G8R8X8Unorm, 60);

    private static BusActor AddBus(Simulation simulation, double bytesPerSecond) =>
        simulation.Add("bus", new BusActor(new OppTable([new OperatingPoint(bytesPerSecond, 1.0, SimTime.Zero)])));

    private static void Run(Simulation simulation, string end) => simulation.Run(new RunLimits(SimTime.Parse(end), SimTime.Zero));

    private static long Count(Simulation simulation, string path) => ((Counter)simulation.Metrics.Find(path)!).Value;

    private static LogLinearHistogram Histogram(Simulation simulation, string path) => ((LatencyHistogram)simulation.Metrics.Find(path)!).Histogram;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void On_a_fast_bus_every_frame_is_read_in_bytes_over_bandwidth_before_the_next_vblank(int chunks)
    {
        var simulation = new Simulation(1);
        var bus = AddBus(simulation, 1e11);
        simulation.Add("vm0/scanout", new ScanoutActor(FullHd60, bus.Ref, "vm0", chunks: chunks));
        // Vblanks at k × 1/60 s for k = 0..59 are before the (exclusive) end at 1 s; k = 60 is at 1 s exactly.
        Run(simulation, "1s");

        Assert.Equal(60, Count(simulation, "vm0/scanout/vblanks"));
        Assert.Equal(60, Count(simulation, "vm0/scanout/frames"));
        Assert.Equal(0, Count(simulation, "vm0/scanout/skippedFrames"));
        Assert.Equal(0, Count(simulation, "vm0/scanout/deadlineMisses"));
        Assert.Equal(60 * 8_294_400, Count(simulation, "vm0/scanout/bytes"));
        Assert.Equal(60 * 8_294_400, Count(simulation, "bus/bytes/vm0"));
        Assert.Equal(60 * chunks, Count(simulation, "bus/transfers"));
        // One flow (or `chunks` equal flows sharing it fairly) alone on the bus: 8,294,400 B / 10^11 B/s = 82.944 µs exactly.
        var latency = Histogram(simulation, "vm0/scanout/frameLatency");
        Assert.Equal(60, latency.Count);
        Assert.Equal(82_944_000, latency.Min);
        Assert.Equal(82_944_000, latency.Max);
        Assert.Equal(0, Histogram(simulation, "vm0/scanout/lateness").Count);
        Assert.Empty(simulation.Findings);
    }

    [Fact]
    public void The_phase_shifts_every_vblank()
    {
        var simulation = new Simulation(1);
        var bus = AddBus(simulation, 1e11);
        var scanout = simulation.Add("vm0/scanout", new ScanoutActor(FullHd60, bus.Ref, "vm0", phase: SimTime.Parse("5ms")));
        // Vblanks at 5 ms + k × 1/60 s: k = 58 at 971.67 ms is before the end at 985 ms, k = 59 at 988.33 ms is not.
        Run(simulation, "985ms");

        Assert.Equal(SimTime.FromPicoseconds(5_000_000_000 + 16_666_666_667), scanout.VblankAt(1));
        Assert.Equal(59, Count(simulation, "vm0/scanout/vblanks"));
        Assert.Equal(59, Count(simulation, "vm0/scanout/frames"));
        Assert.Equal(0, Count(simulation, "vm0/scanout/deadlineMisses"));
    }

    [Fact]
    public void On_a_bus_slower_than_the_mode_every_vblank_misses_its_deadline()
    {
        var simulation = new Simulation(1);
        var bus = AddBus(simulation, 4e8);
        simulation.Add("vm0/scanout", new ScanoutActor(FullHd60, bus.Ref, "vm0"));
        // A frame takes 8,294,400 B / 4e8 B/s = 20.736 ms, more than a period (16.667 ms), less than two.
        // Vblanks k = 0..7 (at 0, 16.67, 33.33, 50, 66.67, 83.33, 100, 116.67 ms) are before the end at 125 ms.
        // Even frames find the bus idle and are read (done at FrameStart(k) + 20.736 ms, the last at 120.736 ms);
        // odd frames find the previous frame still being read and are skipped. Every vblank is a miss: 4 late + 4 skipped.
        Run(simulation, "125ms");

        Assert.Equal(8, Count(simulation, "vm0/scanout/vblanks"));
        Assert.Equal(4, Count(simulation, "vm0/scanout/frames"));
        Assert.Equal(4, Count(simulation, "vm0/scanout/skippedFrames"));
        Assert.Equal(8, Count(simulation, "vm0/scanout/deadlineMisses"));
        Assert.Equal(4 * 8_294_400, Count(simulation, "vm0/scanout/bytes"));
        var latency = Histogram(simulation, "vm0/scanout/frameLatency");
        Assert.Equal(4, latency.Count);
        Assert.Equal(20_736_000_000, latency.Min);
        Assert.Equal(20_736_000_000, latency.Max);
        // Lateness = 20,736,000,000 ps − (FrameStart(k + 1) − FrameStart(k)). The periods after frames 0, 2 and 6 are
        // 16,666,666,667 ps; the one after frame 4 (66,666,666,667 → 83,333,333,333) is 16,666,666,666 ps, as frame
        // starts are rounded once each and do not drift: lateness 4,069,333,333 ps three times and 4,069,333,334 once.
        var lateness = Histogram(simulation, "vm0/scanout/lateness");
        Assert.Equal(4, lateness.Count);
        Assert.Equal(4_069_333_333, lateness.Min);
        Assert.Equal(4_069_333_334, lateness.Max);
        Assert.Equal((Int128)(4 * 4_069_333_333L + 1), lateness.Sum);
        // Only the first miss is a finding: frame 0, done at 20.736 ms.
        var finding = Assert.Single(simulation.Findings);
        Assert.Equal(ScanoutActor.DeadlineMissRule, finding.Rule);
        Assert.Equal("vm0/scanout", finding.Actor);
        Assert.Equal(SimTime.FromPicoseconds(20_736_000_000), finding.Time);
        Assert.StartsWith("frame 0 of 'vm0'", finding.Detail);
    }

    [Fact]
    public void Two_displays_meet_their_deadlines_when_the_bus_carries_the_sum_of_their_needs()
    {
        var simulation = new Simulation(1);
        // Needs: 221,184,000 + 497,664,000 = 718,848,000 B/s, under 8e8 B/s.
        var bus = AddBus(simulation, 8e8);
        simulation.Add("vm0/scanout", new ScanoutActor(Hd60, bus.Ref, "vm0"));
        simulation.Add("vm1/scanout", new ScanoutActor(FullHd60, bus.Ref, "vm1"));
        // Every period, both start at the vblank on an idle bus and share it 4e8 / 4e8 B/s: the 720p frame is done at
        // 3,686,400 / 4e8 = 9.216 ms; the 1080p frame has 8,294,400 − 3,686,400 = 4,608,000 B left, alone at 8e8 B/s
        // for 5.76 ms: done at 14.976 ms, before the next vblank at 16.667 ms.
        Run(simulation, "1s");

        foreach (var vm in new[] { "vm0", "vm1" })
        {
            Assert.Equal(60, Count(simulation, $"{vm}/scanout/frames"));
            Assert.Equal(0, Count(simulation, $"{vm}/scanout/deadlineMisses"));
        }
        Assert.Equal(9_216_000_000, Histogram(simulation, "vm0/scanout/frameLatency").Max);
        Assert.Equal(14_976_000_000, Histogram(simulation, "vm1/scanout/frameLatency").Max);
        Assert.Equal(14_976_000_000, Histogram(simulation, "vm1/scanout/frameLatency").Min);
        Assert.Empty(simulation.Findings);
    }

    [Fact]
    public void Two_displays_on_a_bus_below_the_sum_of_their_needs_make_the_larger_one_miss()
    {
        var simulation = new Simulation(1);
        // 720p at 30 Hz: 3,686,400 B per 33.33 ms = 110,592,000 B/s; with 1080p60 the sum is 608,256,000 B/s.
        // 6e8 B/s is above the 1080p display's own 497,664,000 B/s but below the sum.
        var hd30 = GpuDisplayMode.AtHz(1280, 720, GpuFormat.B8G8R8X8Unorm, 30);
        var bus = AddBus(simulation, 6e8);
        simulation.Add("vm0/scanout", new ScanoutActor(hd30, bus.Ref, "vm0"));
        simulation.Add("vm1/scanout", new ScanoutActor(FullHd60, bus.Ref, "vm1"));
        // Every 33.33 ms (vm0's vblank j and vm1's vblank 2j are the same picosecond) both start on an idle bus:
        // 3e8 B/s each until the 720p frame is done at 3,686,400 / 3e8 = 12.288 ms (on time). The 1080p frame then has
        // 8,294,400 − 3,686,400 = 4,608,000 B left, alone at 6e8 B/s for 7.68 ms: done at 19.968 ms, after vm1's next
        // vblank at 16.667 ms, which is skipped; the bus is idle again from 19.968 ms until 33.33 ms.
        // Up to the end at 1 s: vm0 has 30 vblanks, all read on time; vm1 has 60, the 30 even ones read late, the 30
        // odd ones skipped.
        Run(simulation, "1s");

        Assert.Equal(30, Count(simulation, "vm0/scanout/frames"));
        Assert.Equal(0, Count(simulation, "vm0/scanout/deadlineMisses"));
        var hd = Histogram(simulation, "vm0/scanout/frameLatency");
        Assert.Equal(30, hd.Count);
        Assert.Equal(12_288_000_000, hd.Min);
        Assert.Equal(12_288_000_000, hd.Max);

        Assert.Equal(60, Count(simulation, "vm1/scanout/vblanks"));
        Assert.Equal(30, Count(simulation, "vm1/scanout/frames"));
        Assert.Equal(30, Count(simulation, "vm1/scanout/skippedFrames"));
        Assert.Equal(60, Count(simulation, "vm1/scanout/deadlineMisses"));
        Assert.Equal(19_968_000_000, Histogram(simulation, "vm1/scanout/frameLatency").Min);
        Assert.Equal(19_968_000_000, Histogram(simulation, "vm1/scanout/frameLatency").Max);
        // Lateness = 19,968,000,000 − (FrameStart(k + 1) − FrameStart(k)) for even k. FrameStart(k) is k × 16,666,666,666.67
        // rounded once, so the period after k is 16,666,666,666 ps when k ≡ 1 (mod 3) and 16,666,666,667 otherwise: the even
        // k = 4, 10, ..., 58 (10 frames) are late by 3,301,333,334 ps, the other 20 by 3,301,333,333 ps.
        var lateness = Histogram(simulation, "vm1/scanout/lateness");
        Assert.Equal(30, lateness.Count);
        Assert.Equal(3_301_333_333, lateness.Min);
        Assert.Equal(3_301_333_334, lateness.Max);
        Assert.Equal((Int128)(30 * 3_301_333_333L + 10), lateness.Sum);
        var finding = Assert.Single(simulation.Findings);
        Assert.Equal("vm1/scanout", finding.Actor);
        Assert.Equal(SimTime.FromPicoseconds(19_968_000_000), finding.Time);
        Assert.StartsWith("frame 0 of 'vm1'", finding.Detail);
    }

    [Theory]
    [InlineData(10, 1, 10)]
    [InlineData(10, 3, 4)]
    [InlineData(9, 3, 3)]
    [InlineData(2, 4, 1)]
    public void Chunks_add_up_to_the_frame_and_differ_by_at_most_one_byte(long total, int count, long firstSize)
    {
        var sizes = Enumerable.Range(0, count).Select(i => ScanoutChunks.SizeOf(total, count, i)).ToArray();
        Assert.Equal(total, sizes.Sum());
        Assert.Equal(firstSize, sizes[0]);
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }
}
