using Sim.Devices.Tests.Split.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using static Sim.Devices.Tests.Split.Support.SplitRingBuilder;
using static Sim.Devices.Tests.Split.Support.SplitWorld;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// The indirect-descriptor rules (virtio 1.2, 2.7.5.3.1; vhost <c>get_indirect</c>): feature negotiated, table length
/// a non-zero multiple of 16 and at most 65535 entries, no INDIRECT inside a table, no NEXT with INDIRECT, and the
/// same next/loop/order rules inside the table. The device may read the table itself, never a buffer.
/// </summary>
public sealed class SplitIndirectRuleTests
{
    private const ulong Tbl = 0x300000;

    [Fact]
    public void Indirect_without_the_feature_is_refused_before_reading_the_table()
    {
        var world = SplitWorld.Create(8, features: VirtioFeatures.EventIdx);
        world.Ring.Table(Tbl, D(Data, 16)).Desc(0, Tbl, 16, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.IndirectNotNegotiated);
        world.AssertAccessesWithin();
    }

    [Fact]
    public void An_indirect_table_wrapping_the_address_space_is_refused_before_it_is_read()
    {
        // Found by the hostile driver: a table at 2^64 - 1 was read 16 bytes at a time.
        var world = SplitWorld.Create(8, Both);
        world.Ring.Desc(0, ulong.MaxValue, 16, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("wraps past the end of the address space", world.AssertBroken(QueueRule.BufferOutsideMemory));
        world.AssertAccessesWithin();
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(17u)]
    [InlineData(8u)]
    public void Indirect_length_zero_or_not_a_multiple_of_16_is_refused(uint length)
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16)).Desc(0, Tbl, length, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains($"length {length}", world.AssertBroken(QueueRule.IndirectLengthInvalid));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void Indirect_table_of_65536_entries_is_too_large()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Desc(0, Tbl, 65536 * 16, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("65536 entries", world.AssertBroken(QueueRule.IndirectTooLarge));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void Indirect_table_of_65535_entries_holding_a_chain_of_the_queue_size_is_walked()
    {
        // The table may hold more entries than the chain uses; the chain itself may have up to N buffers.
        const int size = 32768;
        var world = SplitWorld.Create(size, Both);
        world.Ring.Table(Tbl, Chained(65535, lastAt: size - 1)).Desc(0, Tbl, 65535 * 16, F.Indirect).Publish(0);
        Assert.True(world.Pop());
        Assert.Equal(size, world.Chain.Segments.Count);
        Assert.Equal(1, world.Chain.DescriptorCount);
        world.AssertAccessesWithin((Tbl, size * 16));
    }

    [Fact]
    public void A_chain_through_an_indirect_table_longer_than_the_queue_size_is_refused()
    {
        // Found for issue 14: a size-8 queue accepted a chain of 65535 buffers through one table (2.7.5.3.1).
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, Chained(65535, lastAt: 65534)).Desc(0, Tbl, 65535 * 16, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        Assert.Empty(world.Chain.Segments);
        Assert.Contains("9 buffers long, more than the queue size 8", world.AssertBroken(QueueRule.ChainLongerThanQueue));
        world.AssertAccessesWithin((Tbl, 9 * 16)); // stops at the ninth entry
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Ring_descriptors_and_table_entries_count_together_against_the_queue_size(int tableEntries, bool legal)
    {
        // One buffer in the ring, then the table: 1 + 3 = 4 buffers fit a size-4 queue, 1 + 4 do not. The pointer
        // descriptor is not a buffer and does not count.
        var world = SplitWorld.Create(4, Both);
        world.Ring.Table(Tbl, Chained(tableEntries, lastAt: tableEntries - 1))
            .Desc(0, Data + 0x1000, 16, F.Next, next: 1).Desc(1, Tbl, (uint)tableEntries * 16, F.Indirect).Publish(0);
        Assert.Equal(legal, world.Pop());
        if (legal) Assert.Equal(4, world.Chain.Segments.Count);
        else world.AssertBroken(QueueRule.ChainLongerThanQueue);
        world.AssertAccessesWithin((Tbl, (ulong)tableEntries * 16));
    }

    /// <summary>A table of <paramref name="entries"/> one-byte readable buffers, each linked to the next up to <paramref name="lastAt"/>.</summary>
    private static SplitDescriptor[] Chained(int entries, int lastAt) =>
        Enumerable.Range(0, entries).Select(i => D(Data + (ulong)i, 1, i < lastAt ? F.Next : (ushort)0, (ushort)(i + 1))).ToArray();

    [Fact]
    public void Indirect_inside_an_indirect_table_is_nested()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16, F.Next, 1), D(Tbl + 0x100, 16, F.Indirect)).Desc(0, Tbl, 32, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("entry 1", world.AssertBroken(QueueRule.NestedIndirect));
        world.AssertAccessesWithin((Tbl, 32));
    }

    [Fact]
    public void Indirect_with_next_is_refused_and_nothing_after_it_is_walked()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16)).Desc(0, Tbl, 16, F.Indirect | F.Next, next: 1).Desc(1, Data + 16, 16).Publish(0);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.IndirectWithNext);
        world.AssertAccessesWithin();
        Assert.DoesNotContain(world.Log.Accesses, a => a.Address == Table + 16);
    }

    [Fact]
    public void A_next_beyond_the_indirect_table_is_out_of_range()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16, F.Next, 1), D(Data, 16, F.Next, 2)).Desc(0, Tbl, 32, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("the table holds 2", world.AssertBroken(QueueRule.NextOutOfRange));
        world.AssertAccessesWithin((Tbl, 32));
    }

    [Fact]
    public void A_loop_inside_an_indirect_table_is_bounded_by_its_entries()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16, F.Next, 1), D(Data, 16, F.Next, 2), D(Data, 16, F.Next, 1)).Desc(0, Tbl, 48, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.ChainLoop);
        world.AssertAccessesWithin((Tbl, 48));
        Assert.Equal(3, world.Log.Accesses.Count(a => a.Address >= Tbl && a.Address < Tbl + 48));
    }

    [Fact]
    public void A_readable_entry_after_a_writable_one_in_the_table_is_refused()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16, F.Write | F.Next, 1), D(Data, 16)).Desc(0, Tbl, 32, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.ReadableAfterWritable);
        world.AssertAccessesWithin((Tbl, 32));
    }

    [Fact]
    public void A_readable_table_entry_after_a_writable_ring_descriptor_is_refused()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16)).Desc(0, Data + 64, 16, F.Write | F.Next, next: 1).Desc(1, Tbl, 16, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.ReadableAfterWritable);
        world.AssertAccessesWithin((Tbl, 16));
    }

    [Fact]
    public void An_indirect_table_outside_memory_is_refused_at_its_first_entry()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(MemorySize - 16, D(Data, 16, F.Next, 1)).Desc(0, MemorySize - 16, 32, F.Indirect).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("entry 1", world.AssertBroken(QueueRule.BufferOutsideMemory));
        world.AssertAccessesWithin((MemorySize - 16, 32));
    }

    [Fact]
    public void The_write_flag_of_the_table_pointer_is_ignored()
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(Tbl, D(Data, 16, F.Next, 1), D(Data + 16, 8, F.Write)).Desc(0, Tbl, 32, F.Indirect | F.Write).Publish(0);
        Assert.True(world.Pop());
        Assert.Equal([new ChainSegment(Data, 16, false), new ChainSegment(Data + 16, 8, true)], world.Chain.Segments);
        Assert.Empty(world.Sink.Violations);
    }
}
