using Sim.Core.Costs;
using Sim.Devices.Common;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Costs;
using Xunit.Abstractions;

namespace Sim.Devices.Tests.Blk;

/// <summary>The virtio-blk driver and device actors (virtio 1.2, 5.2) on a test-double platform, on both ring formats.</summary>
public sealed class BlkActorTests(ITestOutputHelper output)
{
    private static readonly SimTime Ms20 = SimTime.FromMilliseconds(20);

    /// <summary>4 KiB requests; reads take 80 µs + 4096 B at 2 GB/s, writes 20 µs + 4096 B at 1 GB/s (<see cref="BlkTestTiming"/>).</summary>
    private static readonly SimTime ReadService = SimTime.FromMicroseconds(80) + SimTime.ForBytesAtRate(4096, 2_000_000_000);
    private static readonly SimTime WriteService = SimTime.FromMicroseconds(20) + SimTime.ForBytesAtRate(4096, 1_000_000_000);

    private static BlkWorkload Mixed(int depth, ulong positions, int channels = 2, double reads = 0.5) =>
        new(4096, reads, depth, positions * 8, channels);

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 8)]
    [InlineData(true, 8)]
    public void Writes_then_reads_of_the_same_sectors_return_the_written_pattern(bool packed, int depth)
    {
        // Few positions, so that reads hit written sectors; more at depth 8, so that fewer reads overlap a write in flight.
        ulong positions = depth == 1 ? 4UL : 32UL;
        var world = new BlkWorld(Mixed(depth, positions), packed).Run(Ms20);
        Assert.True(world.Findings.Count == 0, world.FindingsText);
        double reads = world.DriverMetric("reads"), writes = world.DriverMetric("writes"), verified = world.DriverMetric("verifiedReads");
        output.WriteLine($"packed={packed} depth={depth}: {reads} reads ({verified} verified), {writes} writes");
        Assert.True(reads > 50 && writes > 50, $"{reads} reads, {writes} writes");
        // Depth 1: every read after the first write of its sector is checked. Deeper: reads overlapping a write are not.
        Assert.True(depth == 1 ? verified >= reads - 8 : verified > reads / 4, $"only {verified} of {reads} reads verified");
        Assert.Equal(world.DriverMetric("requests"), reads + writes);
        Assert.Equal(world.DriverMetric("bytes"), (reads + writes) * 4096);
        Assert.InRange(world.BackendMetric("requests") - world.DriverMetric("requests"), 0, depth);
        Assert.Equal(0, world.BackendMetric("errors"));
        Assert.Equal(world.Platform.OpenRequests, (int)world.BackendMetric("inFlight", "last"));
        Assert.Equal((int)positions * 8, world.BackendActor.Storage.StoredSectors); // every position was written
    }

    [Fact]
    public void A_disk_that_forgets_writes_is_caught_by_the_read_check()
    {
        var world = new BlkWorld(Mixed(1, positions: 4), packed: false, keepsContent: false).Run(Ms20);
        Assert.Contains(world.Findings, f => f.Rule == "blk-data-mismatch" && f.Actor == BlkWorld.Driver);
        Assert.Equal(0, world.DriverMetric("verifiedReads"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Depth_32_on_four_channels_more_than_doubles_the_throughput_of_depth_1(bool packed)
    {
        double Throughput(int depth)
        {
            var world = new BlkWorld(new BlkWorkload(4096, 1.0, depth, 1 << 20, storageChannels: 4), packed, indirect: true)
                .Run(Ms20, SimTime.FromMilliseconds(2));
            Assert.True(world.Findings.Count == 0, world.FindingsText);
            return world.DriverMetric("requests") / 0.018;
        }
        double shallow = Throughput(1), deep = Throughput(32);
        output.WriteLine($"packed={packed}: depth 1 {shallow:F0} IOPS, depth 32 {deep:F0} IOPS, ratio {deep / shallow:F2}");
        Assert.True(deep / shallow > 2, $"depth 1: {shallow:F0}/s, depth 32: {deep:F0}/s");
        // Four channels of 82 µs reads cap the device near 48,700 IOPS.
        Assert.True(deep < 4 / ReadService.TotalSeconds * 1.01, $"{deep:F0}/s beats four channels");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void Latency_is_at_least_the_storage_service_time(double reads)
    {
        var world = new BlkWorld(Mixed(4, positions: 1024, channels: 2, reads), packed: true).Run(Ms20);
        Assert.True(world.Findings.Count == 0, world.FindingsText);
        var service = reads == 1.0 ? ReadService : WriteService;
        double min = world.DriverMetric("latency", "min"), mean = world.DriverMetric("latency", "mean");
        output.WriteLine($"reads={reads}: min {min * 1e6:F2} µs, mean {mean * 1e6:F2} µs, service {service.TotalSeconds * 1e6:F3} µs");
        Assert.True(min >= service.TotalSeconds * (1 - 1.0 / 256), $"min latency {min} s < service {service.TotalSeconds} s");
        Assert.True(world.BackendMetric("storageBusy", "max") <= 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exhausted_mappings_stall_requests_until_completions_free_them(bool packed)
    {
        var world = new BlkWorld(Mixed(8, positions: 16), packed,
            platform: (memory, layout) => new BlkTestPlatform(memory, layout.BufferArea, maxMapped: 7)).Run(Ms20);
        Assert.True(world.Findings.Count == 0, world.FindingsText);
        Assert.True(world.DriverMetric("requests") > 50);
        Assert.True(world.DriverMetric("mapStalls") > 0);
        Assert.True(world.Platform.ExhaustedAnswers >= world.DriverMetric("mapStalls"));
        Assert.Equal(7, world.Platform.MaxMappedSeen);
        Assert.True(world.DriverMetric("verifiedReads") > 0);
        // Never more than two requests (3 buffers each) in flight at the backend.
        Assert.True(world.BackendMetric("inFlight", "max") <= 2);
    }

    [Fact]
    public void A_platform_that_cannot_map_even_one_request_is_a_finding_not_a_silent_hang()
    {
        var world = new BlkWorld(Mixed(4, positions: 16), packed: false,
            platform: (memory, layout) => new BlkTestPlatform(memory, layout.BufferArea, maxMapped: 2)).Run(SimTime.FromMilliseconds(1));
        var stalled = Assert.Single(world.Findings);
        Assert.Equal("dma-map-stalled", stalled.Rule);
        Assert.Equal(0, world.DriverMetric("requests"));
        Assert.Equal(0, world.Platform.MappedNow); // the partial mappings were given back
    }

    [Fact]
    public void A_buffer_the_backend_still_holds_is_a_dma_unmap_failed_finding()
    {
        var world = new BlkWorld(Mixed(2, positions: 16), packed: false,
            platform: (memory, layout) => new BlkTestPlatform(memory, layout.BufferArea, unmapStillInUse: true)).Run(SimTime.FromMilliseconds(1));
        Assert.Contains(world.Findings, f => f.Rule == "dma-unmap-failed" && f.Actor == BlkWorld.Driver && f.Detail.Contains("StillInUse"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_backend_uses_the_DMA_addresses_the_driver_put_in_the_descriptors(bool packed)
    {
        var world = new BlkWorld(Mixed(4, positions: 8), packed, eventIdx: true,
            platform: (memory, layout) => new BlkTestPlatform(memory, layout.BufferArea, dmaOffset: 1UL << 40)).Run(Ms20);
        Assert.True(world.Findings.Count == 0, world.FindingsText);
        Assert.True(world.DriverMetric("verifiedReads") > 20);
        Assert.True(world.Platform.DataAccesses > 0);
        Assert.Equal(0, world.Platform.DeniedAccesses);
        Assert.Equal(world.Platform.Maps - world.Platform.Unmaps, world.Platform.MappedNow);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Refused_buffers_are_a_finding_and_DEVICE_NEEDS_RESET_not_an_exception(bool packed)
    {
        var world = new BlkWorld(Mixed(4, positions: 8), packed,
            platform: (memory, layout) => new BlkTestPlatform(memory, layout.BufferArea, refuse: address => address >= layout.DataArea)).Run(Ms20);
        Assert.Contains(world.Findings, f => f.Rule == "buffer-outside-memory" && f.Actor == BlkWorld.Backend);
        Assert.True((world.Registers.Status & DeviceStatus.DeviceNeedsReset) != 0, $"status {world.Registers.Status}");
        Assert.Equal(0, world.DriverMetric("requests"));
        Assert.Equal(0, world.Platform.OpenRequests);
    }

    [Fact]
    public void The_same_seed_gives_identical_metrics_and_another_seed_different_ones()
    {
        string Summary(ulong seed)
        {
            var world = new BlkWorld(new BlkWorkload(8192, 0.7, 16, 4096, 3, new ExponentialDelay(SimTime.FromMicroseconds(60))), packed: true, seed, eventIdx: true)
                .Run(SimTime.FromMilliseconds(10), SimTime.FromMilliseconds(1));
            Assert.True(world.Findings.Count == 0, world.FindingsText);
            return string.Join("\n", world.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => $"{m.Key} {string.Join(",", m.Value.Values.Select(v => $"{v.Key}={v.Value:R}"))}"));
        }
        string first = Summary(5);
        Assert.Contains("vm/blk0/driver/requests count=", first);
        Assert.Equal(first, Summary(5));
        Assert.NotEqual(first, Summary(6));
    }

    [Fact]
    public void An_open_loop_faster_than_the_disk_keeps_every_arrival_in_a_backlog_and_reports_the_overload()
    {
        var workload = new BlkWorkload(4096, 1.0, 4, 1 << 16, 1, new ConstantDelay(SimTime.FromMicroseconds(10)));
        var world = new BlkWorld(workload, packed: false).Run(Ms20);
        var overload = Assert.Single(world.Findings);
        Assert.Equal("offered-load-exceeds-capacity", overload.Rule);
        Assert.Equal(Ms20, overload.Time);
        // Nothing is dropped: every arrival either completed, is in flight, or waits in the application.
        double offered = world.DriverMetric("offered"), completed = world.DriverMetric("requests");
        Assert.Equal(1999, offered);   // one every 10 us from 10 us to 19.99 ms
        Assert.True(world.DriverMetric("backlogged") > completed, $"backlogged {world.DriverMetric("backlogged")}, completed {completed}");
        Assert.True(world.DriverMetric("backlog", "mean") > 10 * workload.QueueDepth);
        Assert.True(world.DriverMetric("interruptsPerRequest", "value") <= 1);
    }

    [Fact]
    public void An_open_loop_the_disk_can_serve_keeps_no_backlog_and_reports_nothing()
    {
        var workload = new BlkWorkload(4096, 1.0, 4, 1 << 16, 1, new ExponentialDelay(SimTime.FromMicroseconds(400)));
        var world = new BlkWorld(workload, packed: false).Run(SimTime.FromMilliseconds(200));
        Assert.True(world.Findings.Count == 0, world.FindingsText);
        Assert.True(world.DriverMetric("offered") - world.DriverMetric("requests") <= workload.QueueDepth);
    }

    [Fact]
    public void The_driver_negotiates_flush_and_reads_the_capacity_from_the_config_space()
    {
        Assert.Equal(BlkWorld.ConfigSpace(12345), BlkConfigSpace.Build(12345));
        Assert.Equal(12345UL, BlkConfigSpace.Capacity(BlkConfigSpace.Build(12345, segMax: 126)));
        var world = new BlkWorld(Mixed(1, positions: 4), packed: true).Run(SimTime.FromMilliseconds(1));
        Assert.Equal(32UL, world.DriverActor.Capacity);
        Assert.True(BlkFeatures.Has(world.DriverActor.NegotiatedFeatures, BlkFeatures.Flush));
        Assert.Equal(world.DriverActor.NegotiatedFeatures, world.Registers.NegotiatedFeatures);
    }

    [Fact]
    public void Workload_arguments_are_checked_with_their_names()
    {
        Assert.Equal("requestBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new BlkWorkload(1000, 0.5, 1, 64)).ParamName);
        Assert.Equal("readFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new BlkWorkload(512, 1.5, 1, 64)).ParamName);
        Assert.Equal("queueDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new BlkWorkload(512, 0.5, 0, 64)).ParamName);
        Assert.Equal("sectorSpan", Assert.Throws<ArgumentOutOfRangeException>(() => new BlkWorkload(4096, 0.5, 1, 4)).ParamName);
        Assert.Equal("storageChannels", Assert.Throws<ArgumentOutOfRangeException>(() => new BlkWorkload(512, 0.5, 1, 64, 0)).ParamName);
        Assert.Equal(8UL, new BlkWorkload(4096, 0.5, 1, 70).Positions);
    }

    [Fact]
    public void Costs_and_storage_timing_come_from_a_cost_profile_by_name()
    {
        CostEntry Time(string name, double us) => new(name, SimTime.FromMicroseconds(us), null, "test");
        var profile = new CostProfile("t", "test", [
            Time("vcpu.addChain", 0.1), Time("vcpu.reclaimChain", 0.2), Time("backend.popChain", 0.3), Time("backend.pushUsed", 0.4),
            Time("storage.readAccess", 80), new("storage.readBandwidth", SimTime.Zero, 2e9, "test"),
            Time("storage.writeAccess", 20), new("storage.writeBandwidth", SimTime.Zero, 1e9, "test"), Time("storage.flush", 200),
            new("cpu.memcpy", SimTime.Zero, 10e9, "test"), Time("guest.blk.request", 1),
        ]);
        Assert.Equal(new RingCosts(CostItem.Of("vcpu.addChain", SimTime.FromMicroseconds(0.1)), CostItem.Of("vcpu.reclaimChain", SimTime.FromMicroseconds(0.2)),
            CostItem.Of("backend.popChain", SimTime.FromMicroseconds(0.3)), CostItem.Of("backend.pushUsed", SimTime.FromMicroseconds(0.4)),
            CostRate.Of("cpu.memcpy", 10e9)), RingCosts.From(profile));
        // The profiles' disk is RAM-backed: its work is the backend thread's.
        Assert.Equal(BlkTestTiming.Example with { CpuBound = true }, BlkCosts.StorageFrom(profile));
        Assert.Equal(CostItem.Of("guest.blk.request", SimTime.FromMicroseconds(1)), BlkCosts.GuestRequest(profile));
        var broken = profile.With([Time("storage.readBandwidth", 1)]);
        Assert.Contains("storage.readBandwidth", Assert.Throws<InvalidOperationException>(() => BlkCosts.StorageFrom(broken)).Message);
    }
}
