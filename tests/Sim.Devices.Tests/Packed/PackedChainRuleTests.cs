using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Packed.Support.PackedRingWriter;
using static Sim.Devices.Tests.Packed.Support.PackedWorld;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// Every rule the packed device enforces when it walks an available chain (virtio 1.2, 2.8.6 next flag, 2.8.7
/// indirect; vhost and QEMU checks): one scenario per rule, each checking the finding, that the queue is broken and
/// pops nothing more, and that the device touched only the ring, the event areas and the indirect tables it walked.
/// </summary>
public sealed class PackedChainRuleTests
{
    private const ulong Table = IndirectArea;

    [Fact]
    public void A_buffer_id_at_the_queue_size_is_out_of_range()
    {
        var world = Create(8);
        world.Ring.Avail(0, Data, 16, id: 8);
        Assert.False(world.Pop());
        Assert.Contains("buffer id 8", world.AssertBroken(QueueRule.DescriptorIndexOutOfRange));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void The_buffer_id_is_taken_from_the_last_descriptor_only()
    {
        var world = Create(8);
        world.Ring.Avail(0, Data, 16, id: 900, P.Next).Avail(1, Data + 16, 16, id: 5, P.Write);
        Assert.True(world.Pop());
        Assert.Equal(5, world.Chain.Id);
        Assert.Equal(2, world.Chain.DescriptorCount);
        Assert.Empty(world.Sink.Violations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_chain_longer_than_the_queue_is_a_loop(int size)
    {
        var world = Create((ushort)size);
        for (int slot = 0; slot < size; slot++) world.Ring.Avail(slot, Data + (ulong)slot * 16, 16, id: 0, P.Next);
        Assert.False(world.Pop());
        Assert.Contains($"after {size} descriptors", world.AssertBroken(QueueRule.ChainLoop));
        world.AssertAccessesWithin();
        Assert.Equal(size, world.Log.Accesses.Count(a => a.Length == PackedLayout.DescriptorSize)); // each slot read once
    }

    [Fact]
    public void A_chain_of_exactly_the_queue_size_is_fine()
    {
        var world = Create(3);
        world.Ring.Avail(0, Data, 1, 0, P.Next).Avail(1, Data + 1, 1, 0, P.Next).Avail(2, Data + 2, 1, id: 2);
        Assert.True(world.Pop());
        Assert.Equal(3, world.Chain.DescriptorCount);
        Assert.False(world.Pop());
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void A_readable_buffer_after_a_writable_one_is_refused()
    {
        var world = Create(8);
        world.Ring.Avail(0, Data, 16, 0, P.Write | P.Next).Avail(1, Data + 16, 16, id: 0);
        Assert.False(world.Pop());
        Assert.Contains("slot 1", world.AssertBroken(QueueRule.ReadableAfterWritable));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_readable_buffer_after_a_writable_one_is_refused_inside_an_indirect_table()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data, 8, P.Write), E(Data + 8, 8)).Avail(0, Table, 32, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Contains("indirect table", world.AssertBroken(QueueRule.ReadableAfterWritable));
        world.AssertAccessesWithin((Table, 32));
    }

    [Fact]
    public void Indirect_without_the_feature_is_refused()
    {
        var world = Create(8);
        world.Ring.Table(Table, E(Data, 8)).Avail(0, Table, 16, id: 0, P.Indirect);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.IndirectNotNegotiated);
        world.AssertAccessesWithin();
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(24u)]
    [InlineData(17u)]
    public void An_indirect_length_not_a_positive_multiple_of_16_is_refused(uint length)
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data, 8), E(Data + 8, 8)).Avail(0, Table, length, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Contains($"length {length}", world.AssertBroken(QueueRule.IndirectLengthInvalid));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void An_indirect_table_of_more_than_65535_entries_is_refused_before_it_is_read()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Avail(0, Data, 65536 * 16, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Contains("65536 entries", world.AssertBroken(QueueRule.IndirectTooLarge));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void An_indirect_table_of_as_many_entries_as_the_queue_size_is_walked()
    {
        var world = Create(PackedLayout.MaxQueueSize, VirtioFeatures.IndirectDesc);
        const ulong bigTable = 0x100000;
        const uint entries = PackedLayout.MaxQueueSize;
        world.Ring.Avail(0, bigTable, entries * 16, id: 1, P.Indirect);
        Assert.True(world.Pop());
        Assert.Equal((int)entries, world.Chain.Segments.Count);
        Assert.Equal(1, world.Chain.DescriptorCount);
        world.AssertAccessesWithin((bigTable, entries * 16));
    }

    [Theory]
    [InlineData(8, 9)]
    [InlineData(8, 65535)]
    [InlineData(1, 2)]
    public void An_indirect_table_of_more_entries_than_the_queue_size_is_refused_before_it_is_read(int size, int entries)
    {
        // Found for issue 14: a size-8 queue accepted a table of 65535 buffers (2.8.17: no list longer than the Queue Size).
        var world = Create((ushort)size, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, Enumerable.Range(0, Math.Min(entries, 16)).Select(i => E(Data + (ulong)i * 16, 16)).ToArray())
            .Avail(0, Table, (uint)entries * 16, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Empty(world.Chain.Segments);
        Assert.Contains($"{entries} buffers long, more than the queue size {size}", world.AssertBroken(QueueRule.ChainLongerThanQueue));
        world.AssertAccessesWithin(); // not one table entry read
    }

    [Fact]
    public void The_driver_makes_no_chain_longer_than_the_queue_size_even_through_an_indirect_table()
    {
        var world = Create(2, VirtioFeatures.IndirectDesc);
        var driver = world.Driver(maxIndirect: 4);
        BufferSpec[] three = [new(Data, 1), new(Data + 1, 1), new(Data + 2, 1)];
        Assert.False(driver.TryAdd(three, [], 1));
        Assert.Equal(new byte[32], world.Bytes(RingBase, 32));
        Assert.True(driver.TryAdd(three[..2], [], 2)); // exactly the queue size, in one table
        Assert.True(world.Pop());
        Assert.Equal(2, world.Chain.Segments.Count);
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void An_indirect_descriptor_inside_an_indirect_table_is_refused()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data, 8), E(Table + 0x100, 16, P.Indirect)).Avail(0, Table, 32, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Contains("entry 1", world.AssertBroken(QueueRule.NestedIndirect));
        world.AssertAccessesWithin((Table, 32));
    }

    [Fact]
    public void Indirect_together_with_next_is_refused()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data, 8)).Avail(0, Table, 16, 0, P.Indirect | P.Next).Avail(1, Data + 8, 8, id: 0);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.IndirectWithNext);
        world.AssertAccessesWithin();
    }

    [Fact]
    public void Indirect_reached_through_next_is_refused_before_its_table_is_read()
    {
        // 2.8.19: no INDIRECT in a list linked by NEXT; the old walk took the ring buffer and then the table's buffers.
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data + 16, 8, P.Write)).Avail(0, Data, 16, 0, P.Next).Avail(1, Table, 16, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Empty(world.Chain.Segments);
        Assert.Contains("slot 1 is INDIRECT", world.AssertBroken(QueueRule.IndirectInChain));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void Indirect_and_direct_chains_may_follow_each_other_in_the_ring()
    {
        // 2.8.5: mixing indirect and direct descriptors in a ring is valid as long as each list holds one kind.
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data + 32, 8), E(Data + 40, 8, P.Write))
            .Avail(0, Data, 16, 0, P.Next).Avail(1, Data + 16, 16, id: 3, P.Write).Avail(2, Table, 32, id: 4, P.Indirect);
        Assert.True(world.Pop());
        Assert.Equal(3, world.Chain.Id);
        Assert.True(world.Pop());
        Assert.Equal(4, world.Chain.Id);
        Assert.Equal(2, world.Chain.Segments.Count);
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void The_write_flag_of_the_descriptor_pointing_to_a_table_is_ignored()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data, 8), E(Data + 8, 8, P.Write)).Avail(0, Table, 32, id: 6, P.Indirect | P.Write);
        Assert.True(world.Pop());
        Assert.Equal(new[] { new ChainSegment(Data, 8, false), new ChainSegment(Data + 8, 8, true) }, world.Chain.Segments);
        Assert.Equal(6, world.Chain.Id);
    }

    [Theory]
    [InlineData(0u, true)] // 2^32 - 1 bytes in all
    [InlineData(1u, true)] // exactly 2^32: legal, only a chain over 2^32 bytes is forbidden (2.7.5.2)
    [InlineData(2u, false)] // 2^32 + 1
    public void A_chain_may_total_4_GiB_and_not_a_byte_more(uint last, bool legal)
    {
        var world = Create(8);
        world.Ring.Avail(0, Data, uint.MaxValue, 0, P.Next).Avail(1, Data, last, id: 0);
        Assert.Equal(legal, world.Pop());
        if (legal) Assert.Equal((long)uint.MaxValue + last, world.Chain.ReadableLength);
        else Assert.Contains("4294967297 bytes", world.AssertBroken(QueueRule.ChainLengthOverflow));
        world.AssertAccessesWithin();
    }

    [Theory]
    [InlineData(0x10u, true)] // 2^32 bytes in all
    [InlineData(0x11u, false)] // 2^32 + 1
    public void An_indirect_table_may_total_4_GiB_and_not_a_byte_more(uint last, bool legal)
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data, 0x8000_0000u, P.Write), E(Data, 0x7FFF_FFF0u, P.Write), E(Data, last, P.Write))
            .Avail(0, Table, 48, id: 0, P.Indirect);
        Assert.Equal(legal, world.Pop());
        if (legal) Assert.Equal(1L << 32, world.Chain.WritableLength);
        else world.AssertBroken(QueueRule.ChainLengthOverflow);
        world.AssertAccessesWithin((Table, 48));
    }

    [Theory]
    [InlineData(P.Next)]
    [InlineData(P.Avail)]
    [InlineData(P.Used | P.Write)]
    [InlineData(0x10)]
    public void Flags_other_than_write_inside_an_indirect_table_are_invalid(int flags)
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Table(Table, E(Data, 8), E(Data + 8, 8, (ushort)flags)).Avail(0, Table, 32, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Contains("only WRITE", world.AssertBroken(QueueRule.InvalidPackedDescriptor));
        world.AssertAccessesWithin((Table, 32));
    }

    [Fact]
    public void An_indirect_table_the_access_path_cannot_reach_is_a_buffer_outside_memory()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        const ulong edge = MemorySize - 16;
        world.Ring.Table(edge, E(Data, 8)).Avail(0, edge, 48, id: 0, P.Indirect);
        Assert.False(world.Pop());
        Assert.Contains("entry 1", world.AssertBroken(QueueRule.BufferOutsideMemory));
        world.AssertAccessesWithin((edge, 48));
    }

    [Fact]
    public void An_indirect_table_wrapping_the_address_space_is_a_buffer_outside_memory()
    {
        var world = Create(8, VirtioFeatures.IndirectDesc);
        world.Ring.Avail(0, ulong.MaxValue - 15, 32, id: 0, P.Indirect);
        Assert.False(world.Pop());
        // Refused before any entry is read (found by the hostile driver: a table at 2^64 - 1 was read 16 bytes at a time).
        Assert.Contains("wraps past the end of the address space", world.AssertBroken(QueueRule.BufferOutsideMemory));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_data_buffer_wrapping_the_address_space_is_refused_at_validation()
    {
        // Found by the hostile driver: the device then tried to move data at [2^64 - 63, +2554).
        var world = Create(8);
        world.Ring.Avail(0, ulong.MaxValue - 62, 2554, id: 0, P.Write);
        Assert.False(world.Pop());
        Assert.Contains("wraps past the end of the address space", world.AssertBroken(QueueRule.BufferOutsideMemory));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_data_buffer_outside_memory_passes_validation_and_fails_at_transfer()
    {
        var world = Create(8);
        world.Ring.Avail(0, MemorySize - 4, 16, 0, P.Next).Avail(1, MemorySize + 0x1000, 16, id: 0, P.Write);
        Assert.True(world.Pop()); // validation never touches buffer contents
        Assert.DoesNotContain(world.Log.Accesses, a => a.Address >= MemorySize - 4);
        Assert.Equal(-1, world.Chain.Read(world.DeviceMemory, 0, new byte[16]));
        Assert.Equal(-1, world.Chain.Write(world.DeviceMemory, 0, new byte[16]));
        Assert.Empty(world.Sink.Violations);
        Assert.False(world.Device.IsBroken);
        world.AssertAccessesWithin((MemorySize - 4, 16), (MemorySize + 0x1000, 16));
    }

    [Fact]
    public void A_ring_slot_the_access_path_refuses_later_is_a_ring_outside_memory()
    {
        var world = Create(8);
        var memory = new RevocableDeviceMemory(world.DeviceMemory);
        Assert.NotNull(world.TryCreateDevice(memory));
        world.Ring.Avail(0, Data, 16, 0, P.Next).Avail(1, Data + 16, 16, id: 0);
        memory.Revoke(RingBase + 16, 16);
        Assert.False(world.Pop());
        Assert.Contains("slot 1", world.AssertBroken(QueueRule.RingOutsideMemory));
        world.AssertAccessesWithin();
    }
}
