using Sim.Devices.Tests.Split.Support;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Tests.Split.Support.SplitRingBuilder;
using static Sim.Devices.Tests.Split.Support.SplitWorld;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// Every rule the device enforces when it takes a chain from the available ring (virtio 1.2, 2.7.5-2.7.6; vhost
/// <c>vhost_get_vq_desc</c>): one scenario per rule, each checking the finding, that the queue is broken and pops
/// nothing more, and that the device touched only the rings (and buffers of chains that passed before).
/// </summary>
public sealed class SplitChainRuleTests
{
    [Fact]
    public void Avail_idx_moving_more_than_the_queue_size_is_a_jump()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 16).SetAvailIdx(9);
        Assert.False(world.Pop());
        Assert.Contains("avail idx is 9", world.AssertBroken(QueueRule.AvailIndexJump));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void Avail_idx_moving_exactly_the_queue_size_is_fine()
    {
        var world = SplitWorld.Create(4);
        world.Ring.Desc(0, Data, 16).Desc(1, Data, 16).Desc(2, Data, 16).Desc(3, Data, 16).Publish(0, 1, 2, 3);
        for (int i = 0; i < 4; i++) Assert.True(world.Pop());
        Assert.False(world.Pop());
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void Avail_idx_moving_back_is_a_jump()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 16).Desc(1, Data + 16, 16).Publish(0, 1);
        Assert.True(world.Pop());
        Assert.True(world.Pop());
        world.Ring.SetAvailIdx(1);
        Assert.False(world.Pop());
        Assert.Contains("last popped index is 2", world.AssertBroken(QueueRule.AvailIndexJump));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_head_at_the_queue_size_is_out_of_range()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Publish(8);
        Assert.False(world.Pop());
        Assert.Contains("holds head 8", world.AssertBroken(QueueRule.DescriptorIndexOutOfRange));
        world.AssertAccessesWithin();
        Assert.DoesNotContain(world.Log.Accesses, a => a.Address >= Table && a.Address < Table + 0x1000 && a.Length == 16);
    }

    [Fact]
    public void A_next_at_the_queue_size_is_out_of_range()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 16, F.Next, next: 8).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("has next 8", world.AssertBroken(QueueRule.NextOutOfRange));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_descriptor_pointing_to_itself_is_a_loop()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(3, Data, 16, F.Next, next: 3).Publish(3);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.ChainLoop);
        world.AssertAccessesWithin();
        Assert.Equal(8, world.Log.Accesses.Count(a => a.Length == 16)); // bounded: exactly N descriptor reads
    }

    [Fact]
    public void A_cycle_through_part_of_the_table_is_a_loop()
    {
        var world = SplitWorld.Create(16);
        world.Ring.Desc(0, Data, 16, F.Next, next: 5).Desc(5, Data, 16, F.Next, next: 2).Desc(2, Data, 16, F.Next, next: 5).Publish(0);
        Assert.False(world.Pop());
        world.AssertBroken(QueueRule.ChainLoop);
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_readable_descriptor_after_a_writable_one_is_refused()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 16, F.Next, next: 1).Desc(1, Data + 16, 16, F.Write | F.Next, next: 2).Desc(2, Data + 32, 16).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("descriptor 2", world.AssertBroken(QueueRule.ReadableAfterWritable));
        world.AssertAccessesWithin();
    }

    [Theory]
    [InlineData(0x7FFF_FFFFu)] // 2^32 - 1 bytes in all
    [InlineData(0x8000_0000u)] // exactly 2^32: legal, 2.7.5.2 forbids only a chain over 2^32 bytes
    public void A_chain_of_at_most_four_gibibytes_is_fine(uint second)
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 0x8000_0000, F.Next, next: 1).Desc(1, Data, second, F.Write).Publish(0);
        Assert.True(world.Pop());
        Assert.Equal(0x8000_0000L + second, world.Chain.ReadableLength + world.Chain.WritableLength);
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void A_chain_one_byte_over_four_gibibytes_overflows()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 0x8000_0000, F.Next, next: 1).Desc(1, Data, 0x8000_0000, F.Write | F.Next, next: 2).Desc(2, Data, 1, F.Write).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("4294967297 bytes", world.AssertBroken(QueueRule.ChainLengthOverflow));
        world.AssertAccessesWithin();
    }

    [Theory]
    [InlineData(1u, true)]  // 2^32 bytes in all
    [InlineData(2u, false)] // 2^32 + 1
    public void The_four_gibibyte_limit_counts_a_ring_descriptor_and_its_indirect_table_together(uint last, bool legal)
    {
        var world = SplitWorld.Create(8, Both);
        world.Ring.Table(IndirectArea, D(Data, 0x8000_0000, F.Next | F.Write, 1), D(Data, 0x7FFF_FFFF, F.Next | F.Write, 2), D(Data, last, F.Write))
            .Desc(0, Data, 0, F.Next, next: 1).Desc(1, IndirectArea, 48, F.Indirect).Publish(0);
        Assert.Equal(legal, world.Pop());
        if (legal) Assert.Equal(1L << 32, world.Chain.WritableLength);
        else world.AssertBroken(QueueRule.ChainLengthOverflow);
        world.AssertAccessesWithin((IndirectArea, 48));
    }

    [Fact]
    public void A_buffer_wrapping_past_the_address_space_is_outside_memory_without_touching_it()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, ulong.MaxValue - 7, 16, F.Write).Publish(0);
        Assert.False(world.Pop());
        Assert.Contains("wraps", world.AssertBroken(QueueRule.BufferOutsideMemory));
        world.AssertAccessesWithin();
    }

    [Fact]
    public void A_buffer_past_the_end_of_memory_is_refused_when_the_device_moves_data()
    {
        var world = SplitWorld.Create(8);
        world.Ring.Desc(0, Data, 4, F.Next, next: 1).Desc(1, MemorySize - 8, 16, F.Write).Publish(0);
        Assert.True(world.Pop()); // validation does not touch buffers
        world.AssertAccessesWithin();
        Assert.Equal(-1, world.Chain.Write(world.DeviceMemory, 0, new byte[16]));
        world.Device.ReportRefusedBuffer(world.Chain);
        Assert.Contains($"0x{MemorySize - 8:x}", world.AssertBroken(QueueRule.BufferOutsideMemory));
        world.AssertAccessesWithin((Data, 4), (MemorySize - 8, 16));
    }
}
