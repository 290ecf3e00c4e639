using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Hypervisors.Xen;

namespace Sim.Hypervisors.Tests.Platform;

/// <summary>
/// The sharing mechanisms behind the platform interface: the access oracle (a refused access is a finding naming
/// accessor, address, mechanism and rule, and a violation in the exposure), grant revocation while mapped, exhaustion
/// as a value, exposure over time and stale exposure under lazy IOMMU invalidation.
/// </summary>
public sealed class PlatformMechanismTests
{
    private sealed class Sink : IFindingSink
    {
        public List<(string Rule, string Detail)> Findings { get; } = new();
        public void Report(string rule, string detail, string? reference = null) => Findings.Add((rule, detail));
    }

    private sealed class World
    {
        public SimTime Now;
        public GuestMemory Memory { get; } = new("guest", 16UL << 20);
        public Sink Sink { get; } = new();
        public PlatformCounters Counters { get; } = new("g/d/platform");
        public ExposureMetric Exposure { get; }
        public SharingContext Context { get; }
        public CostLedger DriverLedger { get; } = new("g/d/driver/costs");
        public CostLedger BackendLedger { get; } = new("g/d/backend/costs");

        public World()
        {
            Exposure = new ExposureMetric("g/d/exposure", () => Now);
            Context = new SharingContext(Memory, "g/d/backend", new AccessLog(), new PlatformCosts(Profile()), Counters, Exposure, () => Now,
                new SharingSinks(Sink, DriverLedger, BackendLedger));
        }

        public GrantSharing Grants(GrantBackendMode mode, int vcpus = 4, int maxFrames = 4)
        {
            var table = new GrantTable(Memory, 1, 8UL << 20, maxFrames);
            return new GrantSharing("grant-map", Context, table, new GrantMapper(table), 2, vcpus, mode);
        }
    }

    private static CostProfile Profile()
    {
        var names = PlatformCosts.Common.Concat(PlatformCosts.Xen).Concat(PlatformCosts.Iommu).Concat(PlatformCosts.Window);
        return new CostProfile("test", "unit test costs", names.Select(n => n == "cpu.memcpy"
            ? new CostEntry(n, SimTime.Zero, 1e10, "test")
            : new CostEntry(n, SimTime.FromNanoseconds(100), null, "test")));
    }

    [Fact]
    public void A_backend_access_to_a_page_not_granted_is_refused_and_reported_with_mechanism_and_rule()
    {
        var w = new World();
        var grants = w.Grants(GrantBackendMode.MapPerRequest);
        var buffer = grants.Map(0x10000, 512, DmaDirection.ToDevice);
        Assert.True(buffer.IsMapped);
        Assert.True(GrantDmaAddress.IsGrant(buffer.Buffer.DmaAddress));

        long request = grants.BeginRequest();
        Span<byte> bytes = stackalloc byte[16];
        Assert.Equal(AccessVerdict.Allowed, grants.Read(buffer.Buffer.DmaAddress, bytes));
        Assert.Equal(AccessVerdict.Denied, grants.Read(0x20000, bytes)); // a guest-physical address nobody granted
        Assert.Equal(AccessVerdict.Denied, grants.Write(buffer.Buffer.DmaAddress, bytes)); // the grant is read-only
        grants.EndRequest(request);

        Assert.Equal(2, w.Exposure.Violations);
        Assert.Equal(2, w.Sink.Findings.Count);
        Assert.All(w.Sink.Findings, f => Assert.Equal("backend-access-outside-reachable", f.Rule));
        Assert.Contains("0x20000", w.Sink.Findings[0].Detail);
        Assert.Contains("grant-map", w.Sink.Findings[0].Detail);
        Assert.Contains("not mapped", w.Sink.Findings[0].Detail);
        Assert.Contains("read-only", w.Sink.Findings[1].Detail);
    }

    [Theory]
    [InlineData(GrantBackendMode.MapPerRequest)]
    [InlineData(GrantBackendMode.MapPerAccess)]
    [InlineData(GrantBackendMode.Copy)]
    public void A_backend_access_by_a_grant_reference_past_the_table_is_refused_not_a_crash(GrantBackendMode mode)
    {
        // A hostile guest may put any grant address in a descriptor: a reference the table cannot hold is GNTST_bad_gntref
        // (found by the per-device hostile-driver run), refused and reported like any access the guest did not grant.
        var w = new World();
        var grants = w.Grants(mode, maxFrames: 4);
        long request = grants.BeginRequest();
        Span<byte> bytes = stackalloc byte[16];
        Assert.Equal(AccessVerdict.Denied, grants.Read(GrantDmaAddress.Encode(262_289, 12), bytes));
        Assert.Equal(AccessVerdict.Denied, grants.Write(GrantDmaAddress.Encode(uint.MaxValue >> 12, 0), bytes));
        grants.EndRequest(request);
        Assert.Equal(2, w.Sink.Findings.Count);
        Assert.All(w.Sink.Findings, f => Assert.Equal("backend-access-outside-reachable", f.Rule));
    }

    [Fact]
    public void The_guest_cannot_revoke_a_grant_the_backend_still_holds_and_a_unmap_batch_flushes_every_backend_vcpu()
    {
        var w = new World();
        var grants = w.Grants(GrantBackendMode.MapPerRequest, vcpus: 8);
        var buffer = grants.Map(0x10000, 4096, DmaDirection.FromDevice).Buffer;
        long request = grants.BeginRequest();
        Assert.Equal(AccessVerdict.Allowed, grants.Write(buffer.DmaAddress, new byte[64]));

        var early = grants.Unmap(buffer);
        Assert.Equal(DmaUnmapStatus.StillInUse, early.Status);

        SimTime accrued = grants.TakeAccrued();
        SimTime cost = grants.EndRequest(request);
        Assert.Equal(SimTime.FromNanoseconds(100) * (1 + 1 + 1 + 7 + 1), cost); // the unmap hypercall, one unmap, the local flush, 7 IPIs sent, one wait for their acknowledgements
        Assert.Equal(7, w.Counters.FlushIpis);
        // Everything the backend spends was charged to its ledger, by entry: the map's hypercall and op, then the unmap batch.
        Assert.Equal(accrued + cost, w.BackendLedger.BusyTotal);
        var lines = w.BackendLedger.Lines.ToDictionary(l => l.Name, l => l.Count);
        Assert.Equal(new Dictionary<string, long>
        {
            ["xen.grant.map"] = 1,
            ["xen.grant.unmap"] = 1,
            ["xen.hypercall"] = 2,
            ["xen.tlbFlush.ipi"] = 7,
            ["xen.tlbFlush.local"] = 1,
            ["xen.tlbFlush.remote"] = 1,
        }, lines);
        // The guest's grant entry writes were the vCPU's.
        Assert.Equal(["xen.grant.access", "xen.grant.endAccess"], w.DriverLedger.Lines.Select(l => l.Name));
        Assert.Equal(DmaUnmapStatus.Unmapped, grants.Unmap(buffer).Status);
        Assert.Equal(0, w.Exposure.PagesNow);
        // After the revocation the old DMA address reaches nothing.
        Assert.Equal(AccessVerdict.Denied, grants.Read(buffer.DmaAddress, new byte[8]));
    }

    [Fact]
    public void Running_out_of_grant_references_is_a_value_not_a_crash()
    {
        var w = new World();
        var grants = w.Grants(GrantBackendMode.Copy, maxFrames: 1); // 512 references
        var mapped = new List<DmaBuffer>();
        DmaMapResult result;
        while ((result = grants.Map(0x100000 + (ulong)mapped.Count * 0x10000, 16 * 4096, DmaDirection.ToDevice)).IsMapped) mapped.Add(result.Buffer);
        Assert.Equal(DmaMapStatus.Exhausted, result.Status);
        Assert.Equal(32, mapped.Count);
        Assert.Equal(1, w.Counters.Exhaustions);
        Assert.Equal(DmaUnmapStatus.Unmapped, grants.Unmap(mapped[3]).Status);
        Assert.True(grants.Map(0xE00000, 16 * 4096, DmaDirection.ToDevice).IsMapped, "a freed run is reused");
    }

    [Fact]
    public void Grant_copy_moves_bytes_without_mapping_and_refuses_writes_to_read_only_grants()
    {
        var w = new World();
        var grants = w.Grants(GrantBackendMode.Copy);
        w.Memory.Write(0x10ff0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]);
        var buffer = grants.Map(0x10ff0, 32, DmaDirection.ToDevice).Buffer; // crosses a page: two references, two copies
        var read = new byte[32];
        Assert.Equal(AccessVerdict.Allowed, grants.Read(buffer.DmaAddress, read));
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), read);
        Assert.Equal(2, w.Counters.GrantCopies);
        Assert.Equal(0, w.Counters.GrantMaps);
        Assert.Equal(AccessVerdict.Denied, grants.Write(buffer.DmaAddress, read));
    }

    [Fact]
    public void Exposure_integrates_reachable_pages_over_time()
    {
        var w = new World();
        var grants = w.Grants(GrantBackendMode.MapPerRequest);
        w.Exposure.Reset(SimTime.Zero);
        var a = grants.Map(0x10000, 2 * 4096, DmaDirection.ToDevice).Buffer;
        w.Now = SimTime.FromMilliseconds(500);
        grants.Unmap(a);
        var summary = w.Exposure.Summarize(SimTime.FromSeconds(1));
        Assert.Equal(1.0, summary.Get("pagesMean"), 9);   // 2 pages for half the second
        Assert.Equal(2.0, summary.Get("pagesPeak"));
        Assert.Equal(1.0, summary.Get("pageSeconds"), 9);
    }

    [Fact]
    public void Lazy_iommu_invalidation_leaves_pages_reachable_after_unmap_until_the_flush_and_strict_does_not()
    {
        foreach (bool strict in new[] { true, false })
        {
            var w = new World();
            var device = new IommuDevice(new IommuDeviceOptions
            {
                Endpoints = [1],
                Invalidation = strict ? InvalidationPolicy.Strict : InvalidationPolicy.Lazy(int.MaxValue),
            });
            var invalidation = strict ? IommuInvalidation.Strict : new IommuInvalidation(false, 250, SimTime.FromMilliseconds(10));
            var iommu = new IommuSharing(w.Context, device, new DirectIommuPort(device), 1, 1, invalidation, Sim.Core.Costs.CostItem.Of("test.notify", SimTime.FromMicroseconds(3)));
            var buffer = iommu.Map(0x10000, 4096, DmaDirection.ToDevice).Buffer;
            var bytes = new byte[8];
            Assert.Equal(AccessVerdict.Allowed, iommu.Read(buffer.DmaAddress, bytes)); // caches the translation
            iommu.Unmap(buffer);
            w.Now = SimTime.FromMilliseconds(4);
            var after = iommu.Read(buffer.DmaAddress, bytes);
            w.Now = SimTime.FromMilliseconds(12);
            iommu.Map(0x20000, 2 * 4096, DmaDirection.ToDevice); // the next DMA operation runs the due flush (2 pages: a fresh IOVA)
            var summary = w.Exposure.Summarize(w.Now);
            if (strict)
            {
                Assert.Equal(AccessVerdict.Denied, after);
                Assert.Equal(0, summary.Get("stalePageSeconds"));
            }
            else
            {
                Assert.Equal(AccessVerdict.Allowed, after);
                Assert.Equal(1, summary.Get("staleAccesses"));
                Assert.Equal(0.012, summary.Get("stalePageSeconds"), 9); // one page, from the unmap at 0 to the flush at 12 ms
                Assert.Equal(0.012, summary.Get("staleMaxSeconds"), 9);
                Assert.Equal(AccessVerdict.Denied, iommu.Read(buffer.DmaAddress, bytes));
            }
        }
    }

    [Fact]
    public void A_bounce_window_lets_the_device_reach_only_the_window_and_the_shared_rings()
    {
        var w = new World();
        var window = new WindowSharing(w.Context, 4UL << 20, 1UL << 20);
        window.ShareForLifetime(0x1000, 0x2000);
        w.Memory.Write(0x30000, [7, 7, 7, 7]);
        var buffer = window.Map(0x30000, 4, DmaDirection.Bidirectional).Buffer;
        Assert.InRange(buffer.DmaAddress, 4UL << 20, (5UL << 20) - 1);
        var bytes = new byte[4];
        Assert.Equal(AccessVerdict.Allowed, window.Read(buffer.DmaAddress, bytes));
        Assert.Equal(new byte[] { 7, 7, 7, 7 }, bytes);
        Assert.Equal(AccessVerdict.Allowed, window.Write(buffer.DmaAddress, [9, 9, 9, 9]));
        Assert.Equal(AccessVerdict.Allowed, window.Read(0x1800, bytes));
        Assert.Equal(AccessVerdict.Denied, window.Read(0x30000, bytes)); // the original buffer: not shared
        window.Unmap(buffer);
        w.Memory.Read(0x30000, bytes);
        Assert.Equal(new byte[] { 9, 9, 9, 9 }, bytes); // copied back out
        Assert.Equal(256 + 2, w.Exposure.PagesNow);
        Assert.Single(w.Sink.Findings);
    }
}
