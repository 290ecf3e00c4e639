using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Iommu;

/// <summary>
/// An invalidation drops only the translations it is about (the defect 6: a lazy flush used to clear the whole
/// IOTLB, so lazy invalidation never reused a translation across a flush). A lazy flush drops the stale entries of
/// the ranges unmapped since the last one; a strict UNMAP drops its own range's. Entries of ranges still mapped, the
/// identity-mapped rings above all, stay and keep hitting.
/// </summary>
public sealed class IotlbRangeInvalidationTests
{
    private const ulong P = IommuWorld.Page;

    /// <summary>A world with <paramref name="pages"/> one-page mappings, IOVA page k to guest page 0x10 + k, each read once (cached).</summary>
    private static IommuWorld Cached(InvalidationPolicy policy, int pages)
    {
        var world = new IommuWorld(policy);
        for (ulong k = 0; k < (ulong)pages; k++) world.Mapped(k * P, (0x10 + k) * P);
        for (ulong k = 0; k < (ulong)pages; k++) Assert.Equal(AccessVerdict.Allowed, world.Read(k * P));
        Assert.Equal(pages, world.Device.IoTlb.Count);
        return world;
    }

    [Fact]
    public void A_lazy_flush_drops_the_unmapped_ranges_and_the_still_mapped_ones_keep_hitting()
    {
        var world = Cached(InvalidationPolicy.Lazy(250), pages: 3);
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(1, 0, P - 1)));
        world.Device.Flush();

        var tlb = world.Device.IoTlb;
        Assert.Equal((2, 1L), (tlb.Count, tlb.Invalidations));
        var (hits, misses) = (tlb.Hits, tlb.Misses);
        Assert.Equal(AccessVerdict.Allowed, world.Read(P));
        Assert.Equal(AccessVerdict.Allowed, world.Read(2 * P));
        Assert.Equal((hits + 2, misses), (tlb.Hits, tlb.Misses));
        Assert.Equal(AccessVerdict.Denied, world.Read(0));
    }

    [Fact]
    public void A_lazy_batch_that_fills_up_flushes_only_its_own_unmaps()
    {
        var world = Cached(InvalidationPolicy.Lazy(2), pages: 4);
        world.Run(new IommuUnmap(1, 0, P - 1));
        world.Run(new IommuUnmap(1, P, 2 * P - 1));   // the second unmap completes the batch
        Assert.Equal(1, world.Device.Counters.Flushes);

        var tlb = world.Device.IoTlb;
        var (hits, misses) = (tlb.Hits, tlb.Misses);
        Assert.Equal(AccessVerdict.Allowed, world.Read(2 * P));
        Assert.Equal(AccessVerdict.Allowed, world.Read(3 * P));
        Assert.Equal((hits + 2, misses), (tlb.Hits, tlb.Misses));
    }

    [Fact]
    public void A_strict_unmap_drops_only_the_pages_of_its_own_range()
    {
        var world = new IommuWorld(InvalidationPolicy.Strict).Mapped(0, 0x10 * P, pages: 2).Mapped(2 * P, 0x20 * P);
        foreach (ulong iova in new[] { 0UL, P, 2 * P }) world.Read(iova);
        var tlb = world.Device.IoTlb;

        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(1, 0, 2 * P - 1)));
        Assert.Equal((1, 2L), (tlb.Count, tlb.Invalidations));
        var (hits, misses) = (tlb.Hits, tlb.Misses);
        Assert.Equal(AccessVerdict.Allowed, world.Read(2 * P));
        Assert.Equal((hits + 1, misses), (tlb.Hits, tlb.Misses));
    }

    [Fact]
    public void A_map_over_a_stale_iova_drops_that_translation_and_no_other()
    {
        var world = Cached(InvalidationPolicy.Lazy(250), pages: 2);
        world.Run(new IommuUnmap(1, 0, P - 1));
        world.Mapped(0, 0x30 * P);
        var tlb = world.Device.IoTlb;
        Assert.Equal(1, tlb.Count);
        var hits = tlb.Hits;
        Assert.Equal(AccessVerdict.Allowed, world.Read(P));
        Assert.Equal(hits + 1, tlb.Hits);
    }

    [Fact]
    public void Any_invalidation_leaves_every_still_mapped_page_a_hit_and_every_unmapped_one_unreachable()
    {
        var cases = (from pages in Gen.Choose(1, 12)
                     from unmapped in Gen.ListOf(Gen.Elements(true, false), pages)
                     from strict in Gen.Elements(true, false)
                     select (Unmapped: unmapped.ToArray(), Strict: strict)).ToArbitrary();
        Check.One(PropertyRuns.Config(200), Prop.ForAll(cases, c =>
        {
            string? failure = KeepsTheRest(c.Unmapped, c.Strict);
            return (failure is null).Label(failure ?? "");
        }));
    }

    /// <summary>
    /// The mechanism under lazy invalidation, as scenarios build it: the device defers every UNMAP and the driver's flush
    /// queue flushes at its batch count. The flush drops the two unmapped buffers' translations; the rings' identity
    /// mapping and a buffer still mapped keep hitting, so the flush costs them no IOTLB miss.
    /// </summary>
    [Fact]
    public void The_lazy_flush_queue_of_the_sharing_mechanism_keeps_the_rings_and_the_buffers_still_mapped_cached()
    {
        var memory = new GuestMemory("guest", 16UL << 20);
        var counters = new PlatformCounters("g/d/platform");
        var names = PlatformCosts.Common.Concat(PlatformCosts.Iommu);
        var profile = new CostProfile("test", "unit test costs", names.Select(n => n == "cpu.memcpy"
            ? new CostEntry(n, SimTime.Zero, 1e10, "test")
            : new CostEntry(n, SimTime.FromNanoseconds(100), null, "test")));
        var context = new SharingContext(memory, "g/d/backend", new AccessLog(), new PlatformCosts(profile), counters,
            new ExposureMetric("g/d/exposure", () => SimTime.Zero), () => SimTime.Zero);
        var device = new IommuDevice(new IommuDeviceOptions { Endpoints = [1], Invalidation = InvalidationPolicy.Lazy(int.MaxValue) });
        var lazy = new IommuInvalidation(false, BatchCount: 2, SimTime.FromMilliseconds(10));
        var iommu = new IommuSharing(context, device, new DirectIommuPort(device), 1, 1, lazy, CostItem.Of("test.notify", SimTime.FromMicroseconds(3)));
        iommu.ShareForLifetime(0x1000, 2 * P);
        var buffers = new[] { 0x40000UL, 0x50000UL, 0x60000UL }.Select(a => iommu.Map(a, (uint)P, DmaDirection.ToDevice).Buffer).ToList();
        var bytes = new byte[8];
        foreach (ulong dma in buffers.Select(b => b.DmaAddress).Append(0x1000UL).Append(0x2000UL))
            Assert.Equal(AccessVerdict.Allowed, iommu.Read(dma, bytes));

        iommu.Unmap(buffers[0]);
        iommu.Unmap(buffers[1]);   // the batch is full: the flush queue flushes
        Assert.Equal(1, counters.IommuFlushes);
        Assert.Equal(1, device.Counters.Flushes);

        var (hits, misses) = (counters.IotlbHits, counters.IotlbMisses);
        foreach (ulong dma in new[] { 0x1000UL, 0x2000UL, buffers[2].DmaAddress })
            Assert.Equal(AccessVerdict.Allowed, iommu.Read(dma, bytes));
        Assert.Equal((hits + 3, misses), (counters.IotlbHits, counters.IotlbMisses));
        Assert.Equal(AccessVerdict.Denied, iommu.Read(buffers[0].DmaAddress, bytes));
        Assert.Equal(AccessVerdict.Denied, iommu.Read(buffers[1].DmaAddress, bytes));
    }

    /// <summary>What went wrong after unmapping the pages marked in <paramref name="unmapped"/> (and, if lazy, flushing), or null.</summary>
    private static string? KeepsTheRest(bool[] unmapped, bool strict)
    {
        var world = Cached(strict ? InvalidationPolicy.Strict : InvalidationPolicy.Lazy(250), unmapped.Length);
        for (int k = 0; k < unmapped.Length; k++)
        {
            if (unmapped[k] && world.Run(new IommuUnmap(1, (ulong)k * P, (ulong)(k + 1) * P - 1)) != IommuStatus.Ok) return $"UNMAP of page {k} failed";
        }
        if (!strict) world.Device.Flush();
        var tlb = world.Device.IoTlb;
        int kept = unmapped.Count(u => !u);
        if (tlb.Count != kept) return $"{tlb.Count} IOTLB entries, {kept} pages still mapped";
        for (int k = 0; k < unmapped.Length; k++)
        {
            var (hits, misses) = (tlb.Hits, tlb.Misses);
            var verdict = world.Read((ulong)k * P);
            if (unmapped[k] && verdict != AccessVerdict.Denied) return $"page {k} unmapped but {verdict}";
            if (!unmapped[k] && (verdict != AccessVerdict.Allowed || tlb.Hits != hits + 1 || tlb.Misses != misses)) return $"page {k} still mapped but {verdict}, not an IOTLB hit";
        }
        return null;
    }
}
