using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;

namespace Sim.Devices.Tests.Queues;

/// <summary>
/// <see cref="QueueAreas"/> against the spec's formulas (virtio 1.2, 2.7: split descriptor table 16·N align 16,
/// available ring 6 + 2·N align 2, used ring 6 + 8·N align 4; 2.8: packed descriptor ring 16·N align 16, event
/// suppression areas 4 bytes align 4), and <see cref="GuestQueueReservation"/>'s choice of split sizes for both formats.
/// </summary>
public sealed class QueueAreasTests
{
    public static TheoryData<int> Sizes => new(1, 8, 256, 32768);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SplitAreasAreTheSpecsSizesAndAlignments(int n)
    {
        var expected = new QueueAreas(new(16UL * (ulong)n, 16), new(6 + 2UL * (ulong)n, 2), new(6 + 8UL * (ulong)n, 4));

        Assert.Equal(expected, QueueAreas.Split(n));
        Assert.Equal(expected, QueueAreas.For(packed: false, n));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void PackedAreasAreTheSpecsSizesAndAlignments(int n)
    {
        var expected = new QueueAreas(new(16UL * (ulong)n, 16), new(4, 4), new(4, 4));

        Assert.Equal(expected, QueueAreas.Packed(n));
        Assert.Equal(expected, QueueAreas.For(packed: true, n));
    }

    [Fact]
    public void The32768EntrySplitQueueHasTheLargestAreas()
    {
        var areas = QueueAreas.Split(SplitLayout.MaxQueueSize);

        Assert.Equal(524288UL, areas.Descriptors.Bytes);
        Assert.Equal(65542UL, areas.Driver.Bytes);
        Assert.Equal(262150UL, areas.Device.Bytes);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TheGuestReservesTheSplitSizesAlignedToAPageAndACacheLine(int n)
    {
        var expected = new QueueAreas(new(16UL * (ulong)n, 4096), new(6 + 2UL * (ulong)n, 64), new(6 + 8UL * (ulong)n, 64));

        Assert.Equal(expected, GuestQueueReservation.Rings(n));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TheGuestReservationHoldsEitherFormatsAreasAtTheirAlignment(int n)
    {
        var reserved = GuestQueueReservation.Rings(n);
        foreach (var format in new[] { QueueAreas.Split(n), QueueAreas.Packed(n) })
        {
            foreach (var (room, need) in new[] { (reserved.Descriptors, format.Descriptors), (reserved.Driver, format.Driver), (reserved.Device, format.Device) })
            {
                Assert.True(room.Bytes >= need.Bytes);
                Assert.Equal(0UL, room.Alignment % need.Alignment);
            }
        }
    }

    [Theory]
    [InlineData(256, 3, 12288UL)]
    [InlineData(8, 1, 128UL)]
    [InlineData(32768, 2, 1048576UL)]
    public void IndirectTablesAreOneTableOfDescriptorsPerEntry(int n, int entriesPerChain, ulong bytes)
    {
        Assert.Equal(bytes, GuestQueueReservation.IndirectTableBytes(n, entriesPerChain));
        Assert.Equal(PackedLayout.DescriptorSize, GuestQueueReservation.DescriptorSize);
    }

    [Fact]
    public void PlaceTakesDescriptorsThenDriverThenDeviceAreas()
    {
        var taken = new List<(ulong Bytes, ulong Alignment)>();
        ulong next = 0x1000;
        ulong Take(ulong bytes, ulong alignment)
        {
            taken.Add((bytes, alignment));
            ulong at = (next + alignment - 1) & ~(alignment - 1);
            next = at + bytes;
            return at;
        }

        var (descriptors, driver, device) = GuestQueueReservation.Rings(256).Place(Take);

        Assert.Equal([(4096UL, 4096UL), (518UL, 64UL), (2054UL, 64UL)], taken);
        Assert.Equal((0x1000UL, 0x2000UL, 0x2240UL), (descriptors, driver, device));
    }
}
