using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// What the device refuses in the driver event suppression structure (virtio 1.2, 2.8.10: DESC only with
/// VIRTIO_F_EVENT_IDX; flags 3 is reserved): each is an <see cref="QueueRule.InvalidPackedDescriptor"/> finding, found
/// when the device decides whether to interrupt; it interrupts (harmless) and stops using the queue.
/// </summary>
public sealed class PackedEventRuleTests
{
    private static PackedWorld OneUsed(ulong features, ushort offWrap, ushort flags)
    {
        var world = Create(4, features);
        world.Ring.Avail(0, Data, 8, id: 2, P.Write);
        Assert.True(world.Pop());
        world.Device.PushUsed(world.Chain.Id, world.Chain.DescriptorCount, 0);
        world.Ring.DriverEvent(offWrap, flags);
        return world;
    }

    [Fact]
    public void Desc_without_event_idx_is_invalid()
    {
        var world = OneUsed(0, new PackedRingPosition(1, true).OffWrap, PackedLayout.EventFlagDesc);
        Assert.True(world.Device.InterruptNeeded());
        Assert.Contains("EVENT_IDX", world.AssertBroken(QueueRule.InvalidPackedDescriptor));
        world.AssertAccessesWithin((Data, 8));
    }

    [Theory]
    [InlineData(0ul)]
    [InlineData(VirtioFeatures.EventIdx)]
    public void The_reserved_flags_value_3_is_invalid(ulong features)
    {
        var world = OneUsed(features, 0, 3);
        Assert.True(world.Device.InterruptNeeded());
        Assert.Contains("flags 0x3 ", world.AssertBroken(QueueRule.InvalidPackedDescriptor));
        world.AssertAccessesWithin((Data, 8));
    }

    [Fact]
    public void A_desc_offset_at_or_beyond_the_queue_size_is_invalid()
    {
        var world = OneUsed(VirtioFeatures.EventIdx, new PackedRingPosition(4, true).OffWrap, PackedLayout.EventFlagDesc);
        Assert.True(world.Device.InterruptNeeded());
        Assert.Contains("offset 4", world.AssertBroken(QueueRule.InvalidPackedDescriptor));
        world.AssertAccessesWithin((Data, 8));
    }

    [Fact]
    public void A_broken_queue_publishes_nothing_more()
    {
        var world = OneUsed(0, 0, 3);
        world.Ring.Avail(1, Data, 8, id: 3);
        Assert.True(world.Device.InterruptNeeded());
        int accesses = world.Log.Accesses.Count;
        world.Device.DisableNotifications();
        Assert.True(world.Device.EnableNotifications());
        Assert.False(world.Pop());
        Assert.Equal(accesses, world.Log.Accesses.Count);
        Assert.Equal(new byte[] { 0x80, 0x00 }, world.Bytes(RingBase + 16 + 14, 2)); // slot 1 still available, untouched
    }
}
