using Sim.Devices.Tests.Split.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using static Sim.Devices.Tests.Split.Support.SplitWorld;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// Byte-exact structures in guest memory (virtio 1.2, 2.7.5, 2.7.6, 2.7.8; Linux virtio_ring.h), little-endian:
/// descriptor {addr u64, len u32, flags u16, next u16}; avail {flags, idx, ring[N] u16, used_event}; used {flags,
/// idx, ring[N] {id u32, len u32}, avail_event}. Offsets come from <see cref="SplitLayout"/>.
/// </summary>
public sealed class SplitLayoutBytesTests
{
    private static readonly BufferSpec[] None = [];

    [Fact]
    public void Descriptor_table_holds_each_chain_linked_through_next()
    {
        var world = SplitWorld.Create(4);
        var driver = world.Driver();
        Assert.True(driver.TryAdd([new(0x200000, 0x10)], [new(0x201000, 0x20)], token: 7));
        Assert.True(driver.TryAdd([new(0x202000, 0x30)], None, token: 8));

        // addr                    len          flags  next
        Assert.Equal("00 00 20 00 00 00 00 00 10 00 00 00 01 00 01 00", world.Hex(Table + 0 * SplitLayout.DescriptorSize, 16)); // NEXT → 1
        Assert.Equal("00 10 20 00 00 00 00 00 20 00 00 00 02 00 02 00", world.Hex(Table + 1 * SplitLayout.DescriptorSize, 16)); // WRITE
        Assert.Equal("00 20 20 00 00 00 00 00 30 00 00 00 00 00 03 00", world.Hex(Table + 2 * SplitLayout.DescriptorSize, 16)); // next = free list
        Assert.Equal(1, driver.FreeDescriptors);
    }

    [Fact]
    public void Available_ring_holds_heads_then_idx_and_used_event()
    {
        var world = SplitWorld.Create(4, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        driver.TryAdd([new(0x200000, 0x10)], [new(0x201000, 0x20)], token: 7);
        driver.TryAdd([new(0x202000, 0x30)], None, token: 8);
        Assert.Equal("00 00 02 00", world.Hex(Avail, 4));                                                 // flags 0, idx 2
        Assert.Equal("00 00 02 00 00 00 00 00", world.Hex(Avail + SplitLayout.AvailEntryOffset(0), 8)); // heads 0, 2
        Assert.Equal("00 00", world.Hex(Avail + SplitLayout.UsedEventOffset(4), 2));

        driver.DisableInterrupts(); // EVENT_IDX: flags stay 0
        Assert.Equal("00 00", world.Hex(Avail, 2));
        Assert.True(driver.EnableInterrupts());
        Assert.Equal("00 00", world.Hex(Avail + SplitLayout.UsedEventOffset(4), 2));
    }

    [Fact]
    public void Used_ring_holds_elements_then_idx_and_avail_event()
    {
        var world = SplitWorld.Create(4, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        driver.TryAdd([new(0x200000, 0x10)], [new(0x201000, 0x20)], token: 7);
        driver.TryAdd([new(0x202000, 0x30)], None, token: 8);
        Assert.True(world.Pop());
        Assert.True(world.Pop());
        world.Device.PushUsed(2, 1, 0);
        world.Device.PushUsed(0, 2, 5);
        Assert.True(world.Device.EnableNotifications());

        Assert.Equal("00 00 02 00", world.Hex(Used, 4));                                        // flags 0, idx 2
        Assert.Equal("02 00 00 00 00 00 00 00 00 00 00 00 05 00 00 00", world.Hex(Used + SplitLayout.UsedEntryOffset(0), 16));
        Assert.Equal("02 00", world.Hex(Used + SplitLayout.AvailEventOffset(4), 2));             // avail_event = 2
        Assert.True(driver.TryReclaim(out long token, out uint written));
        Assert.Equal((8L, 0u), (token, written));
        Assert.Equal("01 00", world.Hex(Avail + SplitLayout.UsedEventOffset(4), 2));             // used_event follows reclaim
    }

    [Fact]
    public void Flag_words_carry_the_suppression_hints_without_event_idx()
    {
        var world = SplitWorld.Create(4);
        var driver = world.Driver();
        driver.DisableInterrupts();
        world.Device.DisableNotifications();
        Assert.Equal("01 00", world.Hex(Avail, 2)); // VRING_AVAIL_F_NO_INTERRUPT
        Assert.Equal("01 00", world.Hex(Used, 2));  // VRING_USED_F_NO_NOTIFY
        Assert.True(driver.EnableInterrupts());
        Assert.True(world.Device.EnableNotifications());
        Assert.Equal("00 00", world.Hex(Avail, 2));
        Assert.Equal("00 00", world.Hex(Used, 2));
    }

    [Fact]
    public void Indirect_chain_sits_in_the_heads_table_behind_one_ring_descriptor()
    {
        var world = SplitWorld.Create(4, VirtioFeatures.IndirectDesc);
        var driver = world.Driver(maxIndirect: 4);
        Assert.True(driver.TryAdd([new(0x200000, 0x10), new(0x200010, 0x08)], [new(0x201000, 0x20)], token: 1));
        Assert.True(driver.TryAdd([new(0x202000, 0x10)], [new(0x203000, 0x40)], token: 2));

        Assert.Equal("00 00 38 00 00 00 00 00 30 00 00 00 04 00 01 00", world.Hex(Table, 16));      // INDIRECT, 3 entries
        Assert.Equal("40 00 38 00 00 00 00 00 20 00 00 00 04 00 02 00", world.Hex(Table + 16, 16));  // head 1: +1·4·16
        Assert.Equal("00 00 20 00 00 00 00 00 10 00 00 00 01 00 01 00", world.Hex(IndirectArea, 16));
        Assert.Equal("10 00 20 00 00 00 00 00 08 00 00 00 01 00 02 00", world.Hex(IndirectArea + 16, 16));
        Assert.Equal("00 10 20 00 00 00 00 00 20 00 00 00 02 00 03 00", world.Hex(IndirectArea + 32, 16));
        Assert.Equal(2, driver.FreeDescriptors);

        Assert.True(world.Pop());
        Assert.Equal([new ChainSegment(0x200000, 0x10, false), new ChainSegment(0x200010, 8, false), new ChainSegment(0x201000, 0x20, true)],
            world.Chain.Segments);
    }

    [Fact]
    public void Single_buffers_and_chains_beyond_the_indirect_limit_stay_in_the_ring()
    {
        var world = SplitWorld.Create(8, VirtioFeatures.IndirectDesc);
        var driver = world.Driver(maxIndirect: 2);
        Assert.True(driver.TryAdd([new(0x200000, 0x10)], None, token: 1));
        Assert.True(driver.TryAdd([new(0x200000, 1), new(0x200001, 1)], [new(0x201000, 1)], token: 2));
        Assert.Equal(4, driver.FreeDescriptors);
        Assert.Equal("00 00", world.Hex(Table + 12, 2)); // a plain descriptor, no INDIRECT
    }
}
