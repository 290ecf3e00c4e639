using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// Every descriptor of a packed chain, not only its head, must be available for the device's wrap counter at its own
/// slot, the counter flipping where the chain wraps past the end of the ring (virtio 1.2, 2.8.1 wrap counters, 2.8.6
/// and 2.8.17: the driver makes the head available after the rest of the list; 2.8.15: the device uses no descriptor
/// it has not seen made available). A chain with a later descriptor that is not is refused as
/// <see cref="QueueRule.ChainDescriptorNotAvailable"/>, and none of its buffers is handed to the device model: before
/// issue 14 the walk checked the head only, and the device wrote into buffers the driver never offered.
/// </summary>
public sealed class PackedAvailabilityRuleTests
{
    private const ulong Offered = Data, NeverOffered = Data + 0x1000;

    [Theory]
    [InlineData(0)] // a zero-initialised slot: never written by the driver
    [InlineData(P.Avail | P.Used)] // marked used in this lap
    [InlineData(P.Used)] // available in the other lap (AVAIL = 0, USED = 1), not this one
    [InlineData(P.Write)] // WRITE alone: AVAIL and USED both 0
    public void A_later_descriptor_not_available_in_this_lap_refuses_the_whole_chain(int laterFlags)
    {
        var world = Create(8);
        world.Ring.Avail(0, Offered, 16, 0, P.Next).Raw(1, NeverOffered, 64, id: 0, (ushort)(laterFlags | P.Write));
        Assert.False(world.Pop());
        Assert.Empty(world.Chain.Segments);
        Assert.Equal(0, world.Chain.Write(world.DeviceMemory, 0, new byte[64]));
        string detail = world.AssertBroken(QueueRule.ChainDescriptorNotAvailable);
        Assert.Contains("slot 1", detail);
        Assert.Contains("wrap counter 1", detail);
        world.AssertAccessesWithin(); // the ring only: neither buffer was read or written
    }

    [Fact]
    public void A_descriptor_not_available_deep_in_a_chain_is_found_before_any_buffer_is_used()
    {
        var world = Create(8);
        world.Ring.Avail(0, Offered, 16, 0, P.Next).Avail(1, Offered + 16, 16, 0, P.Next | P.Write)
            .Avail(2, Offered + 32, 16, 0, P.Next | P.Write).Raw(3, NeverOffered, 16, id: 0, P.Write);
        Assert.False(world.Pop());
        Assert.Contains("slot 3 (descriptor 4 of the chain)", world.AssertBroken(QueueRule.ChainDescriptorNotAvailable));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_chain_wrapping_past_the_end_needs_its_later_descriptors_available_for_the_flipped_counter()
    {
        // Slot 3 is the head in lap 1 (wrap 1); the chain goes on in slot 0, which is in lap 2 (wrap 0). Slot 0 still
        // holds the descriptor of lap 1, available for wrap 1: stale, and its buffer belongs to a chain already used.
        var world = Create(4);
        var device = world.DeviceAt(new PackedRingPosition(3, true));
        world.Ring.Avail(0, NeverOffered, 64, 0, P.Write, wrap: true).Avail(3, Offered, 16, 0, P.Next, wrap: true);
        Assert.False(device.TryPop(world.Chain));
        string detail = world.AssertBroken(QueueRule.ChainDescriptorNotAvailable);
        Assert.Contains("slot 0", detail);
        Assert.Contains("wrap counter 0", detail);
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_chain_wrapping_past_the_end_with_its_tail_made_available_in_the_next_lap_is_popped()
    {
        var world = Create(4);
        var device = world.DeviceAt(new PackedRingPosition(3, true));
        world.Ring.Avail(0, Offered + 16, 64, id: 2, P.Write, wrap: false).Avail(3, Offered, 16, 0, P.Next, wrap: true);
        Assert.True(device.TryPop(world.Chain));
        Assert.Equal([new ChainSegment(Offered, 16, false), new ChainSegment(Offered + 16, 64, true)], world.Chain.Segments);
        Assert.Equal(2, world.Chain.Id);
        Assert.Equal(2, world.Chain.DescriptorCount);
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void Through_the_public_api_a_stale_slot_after_the_wrap_is_never_written()
    {
        // Three single-descriptor chains fill slots 0-2 in lap 1 and are used; the fourth chain starts at slot 3 and
        // chains into slot 0, which the driver left as it was in lap 1. Before issue 14 the device popped the chain and
        // wrote the reply into the lap-1 buffer of slot 0.
        var world = Create(4);
        for (int slot = 0; slot < 3; slot++) world.Ring.Avail(slot, Data + 0x100 * (ulong)slot, 16, (ushort)slot, P.Write);
        for (int slot = 0; slot < 3; slot++)
        {
            Assert.True(world.Pop());
            world.Device.PushUsed(world.Chain.Id, 1, 0);
        }
        world.Ring.Avail(3, Offered, 16, id: 3, P.Next);
        byte[] before = world.Bytes(Data, 0x300);
        Assert.False(world.Pop());
        Assert.Equal(0, world.Chain.Write(world.DeviceMemory, 0, new byte[16]));
        Assert.Equal(before, world.Bytes(Data, 0x300));
        Assert.Contains("slot 0", world.AssertBroken(QueueRule.ChainDescriptorNotAvailable));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void Availability_is_checked_before_the_later_descriptor_is_interpreted()
    {
        // A stale later slot that is INDIRECT or out of order is reported for what it is: not available.
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Avail(0, Offered, 16, 0, P.Next | P.Write).Raw(1, NeverOffered, 32, id: 0, P.Indirect);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.ChainDescriptorNotAvailable);
        world.AssertAccessesWithin();
    }
}
