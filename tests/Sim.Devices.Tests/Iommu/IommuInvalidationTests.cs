using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Iommu;

/// <summary>Strict against lazy IOTLB invalidation: the window in which a device still reaches an unmapped page.</summary>
public sealed class IommuInvalidationTests
{
    private const ulong P = IommuWorld.Page;

    [Fact]
    public void Strict_denies_the_access_right_after_the_unmap()
    {
        var world = new IommuWorld(InvalidationPolicy.Strict).Mapped(0, 0x10 * P);
        Assert.Equal(AccessVerdict.Allowed, world.Read(0));
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(1, 0, P - 1)));
        Assert.Equal(AccessVerdict.Denied, world.Read(0));
        Assert.Equal(0, world.Device.Counters.StaleAccesses);
        Assert.Equal(0, world.Device.PendingUnmaps);
    }

    [Fact]
    public void Lazy_allows_the_cached_page_as_stale_until_the_batch_flushes()
    {
        var world = new IommuWorld(InvalidationPolicy.Lazy(3)).Mapped(0, 0x10 * P).Mapped(P, 0x11 * P).Mapped(2 * P, 0x12 * P);
        world.Memory.WriteUInt64(0x10 * P, 0xfeed);
        Assert.Equal(AccessVerdict.Allowed, world.Read(0)); // caches page 0

        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(1, 0, P - 1)));
        Assert.Equal(AccessVerdict.Allowed, world.Dma.ReadUInt64(0, out ulong value)); // still reachable
        Assert.Equal(0xfeedUL, value);
        Assert.Equal(AccessVerdict.Allowed, world.Read(16)); // and again: a second stale access
        Assert.Equal(2, world.Device.Counters.StaleAccesses);
        Assert.Equal(1, world.Device.PendingUnmaps);

        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(1, P, 2 * P - 1)));
        Assert.Equal(AccessVerdict.Denied, world.Read(P)); // never cached: the walk finds no mapping
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(1, 2 * P, 3 * P - 1))); // third unmap: the batch flushes
        Assert.Equal(0, world.Device.PendingUnmaps);
        Assert.Equal(1, world.Device.Counters.Flushes);
        Assert.Equal(AccessVerdict.Denied, world.Read(0));
        Assert.Equal(2, world.Device.Counters.StaleAccesses);
    }

    [Fact]
    public void Lazy_stale_window_ends_at_an_explicit_flush()
    {
        var world = new IommuWorld(InvalidationPolicy.Lazy(250)).Mapped(0, 0x10 * P);
        world.Read(0);
        world.Run(new IommuUnmap(1, 0, P - 1));
        Assert.Equal(AccessVerdict.Allowed, world.Dma.Write(0, new byte[16]));
        Assert.Equal((1L, 16L), (world.Device.Counters.StaleAccesses, world.Device.Counters.StaleBytes));
        Assert.Equal(1, world.Dma.StaleAccesses);
        world.Device.Flush();
        Assert.Equal(AccessVerdict.Denied, world.Dma.Write(0, new byte[16]));
    }

    [Fact]
    public void A_new_map_over_a_stale_iova_replaces_the_stale_translation()
    {
        var world = new IommuWorld(InvalidationPolicy.Lazy(250)).Mapped(0, 0x10 * P);
        world.Read(0);
        world.Run(new IommuUnmap(1, 0, P - 1));
        world.Mapped(0, 0x20 * P);
        world.Memory.WriteUInt64(0x20 * P, 7);
        Assert.Equal(AccessVerdict.Allowed, world.Dma.ReadUInt64(0, out ulong value));
        Assert.Equal(7UL, value);
        Assert.Equal(0, world.Device.Counters.StaleAccesses);
    }

    [Fact]
    public void A_lazy_batch_needs_at_least_one_unmap()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InvalidationPolicy.Lazy(0));
    }
}
