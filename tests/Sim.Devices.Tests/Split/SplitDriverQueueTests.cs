using Sim.Devices.Tests.Split.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using static Sim.Devices.Tests.Split.Support.SplitWorld;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// The driver half (Linux virtio_ring.c, split): free list, refusals that write nothing, reclaim order and free-list
/// reuse, bad used elements, kick decisions with flags and with EVENT_IDX.
/// </summary>
public sealed class SplitDriverQueueTests
{
    private static readonly BufferSpec[] None = [];
    private static readonly BufferSpec[] One = [new(Data, 16)];

    [Fact]
    public void An_empty_chain_is_refused_and_writes_nothing()
    {
        var world = SplitWorld.Create(4);
        var driver = world.Driver();
        int pages = world.Memory.MaterialisedPages;
        string avail = world.Hex(Avail, 14);
        Assert.False(driver.TryAdd(None, None, 1));
        Assert.Equal((4, 0), (driver.FreeDescriptors, driver.InFlight));
        Assert.Equal(avail, world.Hex(Avail, 14));
        Assert.Equal(pages, world.Memory.MaterialisedPages);
    }

    [Fact]
    public void A_chain_longer_than_the_queue_size_is_refused_even_through_an_indirect_table()
    {
        // 2.7.5.3.1: no chain longer than the Queue Size; the device would refuse it (ChainLongerThanQueue).
        var world = SplitWorld.Create(4, Both);
        var driver = world.Driver(maxIndirect: 8);
        string before = world.Hex(Table, 64) + world.Hex(Avail, 14);
        BufferSpec[] five = [new(Data, 1), new(Data + 1, 1), new(Data + 2, 1), new(Data + 3, 1), new(Data + 4, 1)];
        Assert.False(driver.TryAdd(five, None, 1));
        Assert.Equal(before, world.Hex(Table, 64) + world.Hex(Avail, 14));
        Assert.Equal((4, 0), (driver.FreeDescriptors, driver.InFlight));
        Assert.True(driver.TryAdd(five[..4], None, 2)); // exactly the queue size, in one table
        Assert.True(world.Pop());
        Assert.Equal(4, world.Chain.Segments.Count);
        Assert.Empty(world.Sink.Violations);
    }

    [Fact]
    public void A_chain_longer_than_the_free_descriptors_is_refused_and_writes_nothing()
    {
        var world = SplitWorld.Create(4);
        var driver = world.Driver();
        Assert.True(driver.TryAdd(One, One, 1));
        string before = world.Hex(Table, 64) + world.Hex(Avail, 14);
        Assert.False(driver.TryAdd([new(Data, 1), new(Data, 1)], One, 2));
        Assert.Equal(before, world.Hex(Table, 64) + world.Hex(Avail, 14));
        Assert.Equal((2, 1), (driver.FreeDescriptors, driver.InFlight));
        Assert.True(driver.TryAdd(One, One, 3));
        Assert.False(driver.TryAdd(One, None, 4));
    }

    [Fact]
    public void Reclaimed_descriptors_go_back_to_the_front_of_the_free_list()
    {
        var world = SplitWorld.Create(4);
        var driver = world.Driver();
        driver.TryAdd(One, One, 10);  // heads 0-1
        driver.TryAdd(One, None, 11); // head 2
        Assert.True(world.Pop());
        world.Device.PushUsed(0, 2, 3);
        Assert.True(driver.TryReclaim(out long token, out uint written));
        Assert.Equal((10L, 3u), (token, written));
        Assert.Equal(3, driver.FreeDescriptors);
        driver.TryAdd(One, None, 12);
        Assert.Equal(0, world.Memory.ReadUInt16(Avail + SplitLayout.AvailEntryOffset(2))); // head 0 reused first
        Assert.False(driver.TryReclaim(out _, out _));
    }

    [Theory]
    [InlineData(4u)]  // out of range
    [InlineData(1u)]  // in range but not in flight
    public void A_used_element_naming_a_bad_id_breaks_the_driver(uint id)
    {
        var world = SplitWorld.Create(4);
        var driver = world.Driver();
        driver.TryAdd(One, None, 1);
        world.Memory.WriteUInt32(Used + SplitLayout.UsedEntryOffset(0), id);
        world.Memory.WriteUInt16(Used + SplitLayout.RingIdx, 1);
        Assert.False(driver.TryReclaim(out _, out _));
        Assert.True(driver.IsBroken);
        Assert.Contains($"id {id}", driver.BrokenReason);
        Assert.False(driver.TryAdd(One, None, 2));
    }

    [Fact]
    public void Kick_follows_the_no_notify_flag_and_only_for_new_chains()
    {
        var world = SplitWorld.Create(8);
        var driver = world.Driver();
        Assert.False(driver.KickNeeded()); // nothing added
        driver.TryAdd(One, None, 1);
        Assert.True(driver.KickNeeded());
        Assert.False(driver.KickNeeded());
        world.Device.DisableNotifications();
        driver.TryAdd(One, None, 2);
        Assert.False(driver.KickNeeded());
        Assert.False(world.Device.EnableNotifications()); // chains are waiting
        driver.TryAdd(One, None, 3);
        Assert.True(driver.KickNeeded());
    }

    [Fact]
    public void Kick_with_event_idx_fires_when_avail_idx_passes_avail_event()
    {
        var world = SplitWorld.Create(8, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        driver.TryAdd(One, None, 1);
        Assert.True(driver.KickNeeded());          // avail_event 0 is in [0, 1)
        driver.TryAdd(One, None, 2);
        Assert.False(driver.KickNeeded());         // avail_event 0 is not in [1, 2)
        Assert.True(world.Pop());
        Assert.True(world.Pop());
        Assert.True(world.Device.EnableNotifications()); // avail_event = 2
        driver.TryAdd(One, None, 3);
        driver.TryAdd(One, None, 4);
        Assert.True(driver.KickNeeded());          // 2 is in [2, 4)
    }

    [Fact]
    public void Enable_interrupts_reports_pending_used_buffers()
    {
        var world = SplitWorld.Create(8, VirtioFeatures.EventIdx);
        var driver = world.Driver();
        driver.TryAdd(One, None, 1);
        driver.DisableInterrupts();
        Assert.True(world.Pop());
        world.Device.PushUsed(world.Chain.Id, 1, 0);
        Assert.False(driver.EnableInterrupts());
        Assert.True(driver.TryReclaim(out _, out _));
        Assert.True(driver.EnableInterrupts());
    }

    [Fact]
    public void Configurations_no_driver_would_set_up_are_argument_errors()
    {
        var memory = new Sim.Hypervisors.Memory.GuestMemory("vm1", MemorySize);
        Assert.Throws<ArgumentException>(() => new SplitDriverQueue(memory, new QueueConfig(6, Table, Avail, Used, 0)));
        Assert.Throws<ArgumentException>(() => new SplitDriverQueue(memory, new QueueConfig(8, Table + 8, Avail, Used, 0)));
        Assert.Throws<ArgumentException>(() => new SplitDriverQueue(memory, new QueueConfig(8, Table, Avail, MemorySize, 0)));
        Assert.Throws<ArgumentException>(() => new SplitDriverQueue(memory, new QueueConfig(8, Table, Avail, Used, VirtioFeatures.IndirectDesc), MemorySize - 16, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitDriverQueue(memory, new QueueConfig(8, Table, Avail, Used, 0), IndirectArea, 65536));
    }
}
