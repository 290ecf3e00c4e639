using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Iommu;

/// <summary>The translated access path: IOVA → guest physical through the IOTLB, permissions, faults, and the IOTLB's counters.</summary>
public sealed class IommuDeviceMemoryTests
{
    private const ulong P = IommuWorld.Page;

    [Fact]
    public void A_write_spanning_two_pages_lands_at_each_page_s_translation()
    {
        // IOVA pages 0x10, 0x11 map to guest pages 0x20 and (second mapping) 0x05: not contiguous in guest memory.
        var world = new IommuWorld().Mapped(0x10 * P, 0x20 * P).Mapped(0x11 * P, 0x05 * P);
        byte[] data = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        Assert.Equal(AccessVerdict.Allowed, world.Dma.Write(0x11 * P - 8, data));
        var low = new byte[8];
        var high = new byte[8];
        world.Memory.Read(0x21 * P - 8, low);
        world.Memory.Read(0x05 * P, high);
        Assert.Equal(data[..8], low);
        Assert.Equal(data[8..], high);
        var back = new byte[16];
        Assert.Equal(AccessVerdict.Allowed, world.Dma.Read(0x11 * P - 8, back));
        Assert.Equal(data, back);
    }

    [Fact]
    public void An_unmapped_page_anywhere_in_the_access_denies_all_of_it_and_moves_nothing()
    {
        var world = new IommuWorld().Mapped(0x10 * P, 0x20 * P);
        Assert.Equal(AccessVerdict.Denied, world.Dma.Write(0x11 * P - 4, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        Assert.Equal(0u, world.Memory.ReadUInt32(0x21 * P - 4));
        Assert.Equal(1, world.Log.For("nic").Refused);
        Assert.Equal(1, world.Device.Counters.Faults);
    }

    [Fact]
    public void A_read_only_mapping_denies_writes_and_a_write_only_one_denies_reads()
    {
        var world = new IommuWorld().Mapped(0, 0, flags: IommuMapFlags.Read).Mapped(P, P, flags: IommuMapFlags.Write);
        Assert.Equal(AccessVerdict.Allowed, world.Read(0));
        Assert.Equal(AccessVerdict.Denied, world.Dma.Write(0, new byte[4]));
        Assert.Equal(AccessVerdict.Allowed, world.Dma.Write(P, new byte[4]));
        Assert.Equal(AccessVerdict.Denied, world.Read(P));
    }

    [Fact]
    public void An_endpoint_attached_to_no_domain_is_denied()
    {
        var world = new IommuWorld();
        Assert.Equal(AccessVerdict.Denied, world.Read(0));
        world.Mapped(0, 0);
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuDetach(1, 1)));
        Assert.Equal(AccessVerdict.Denied, world.Read(0));
    }

    [Fact]
    public void A_translation_outside_guest_memory_is_out_of_range()
    {
        var world = new IommuWorld().Mapped(0, 1UL << 30);
        Assert.Equal(AccessVerdict.OutOfRange, world.Read(0));
    }

    [Fact]
    public void The_IOTLB_misses_once_per_page_then_hits()
    {
        var world = new IommuWorld().Mapped(0, 0, pages: 2);
        world.Read(0);
        world.Read(8);
        world.Read(P + 16);
        world.Read(P - 4); // spans pages 0 and 1, both cached
        Assert.Equal(2, world.Device.IoTlb.Misses);
        Assert.Equal(3, world.Device.IoTlb.Hits);
        Assert.Equal(2, world.Device.IoTlb.Count);
    }

    [Fact]
    public void A_full_IOTLB_evicts_the_least_recently_used_page()
    {
        var world = new IommuWorld(iotlbCapacity: 2).Mapped(0, 0, pages: 3);
        world.Read(0);      // miss: {0}
        world.Read(P);      // miss: {1, 0}
        world.Read(0);      // hit:  {0, 1}
        world.Read(2 * P);  // miss, evicts 1: {2, 0}
        world.Read(0);      // hit
        world.Read(P);      // miss, evicts 2
        Assert.Equal((2L, 4L, 2L), (world.Device.IoTlb.Hits, world.Device.IoTlb.Misses, world.Device.IoTlb.Evictions));
    }
}
