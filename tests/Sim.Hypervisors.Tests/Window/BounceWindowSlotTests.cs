using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>Slot arithmetic of the bounce window: 2 KiB slots, at most 128 per mapping (Linux IO_TLB_SHIFT, IO_TLB_SEGSIZE).</summary>
public sealed class BounceWindowSlotTests
{
    [Theory]
    [InlineData(1u, 1)]
    [InlineData(2048u, 1)]
    [InlineData(2049u, 2)]
    [InlineData(4096u, 2)]
    [InlineData(256u * 1024, 128)]
    [InlineData(256u * 1024 + 1, 129)]
    public void Slots_needed_is_length_rounded_up_to_2_KiB(uint length, int slots) =>
        Assert.Equal(slots, BounceWindow.SlotsFor(length));

    [Theory]
    [InlineData(1u, 1)]
    [InlineData(2048u, 1)]
    [InlineData(2049u, 2)]
    [InlineData(256u * 1024, 128)]
    public void A_map_holds_exactly_the_slots_it_needs(uint length, int slots)
    {
        var world = new WindowWorld(windowSize: 512 * 1024);
        var result = world.Window.TryMap(0x1000, length, DmaDirection.ToDevice, out ulong windowAddress);

        Assert.Equal(WindowMapStatus.Mapped, result.Status);
        Assert.Equal(slots, result.Slots);
        Assert.Equal(slots, world.Window.Counters.SlotsInUse);
        Assert.Equal(WindowWorld.WindowBase, windowAddress);
        Assert.Equal(slots, Enumerable.Range(0, world.Window.SlotCount).Count(world.Window.IsSlotInUse));
    }

    [Fact]
    public void A_buffer_of_256_KiB_plus_one_byte_is_too_large_even_in_an_empty_window()
    {
        var world = new WindowWorld(windowSize: 1024 * 1024);
        var result = world.Window.TryMap(0x1000, 256 * 1024 + 1, DmaDirection.ToDevice, out ulong windowAddress);

        Assert.Equal(WindowMapStatus.TooLarge, result.Status);
        Assert.Equal(129, result.Slots);
        Assert.Equal(0ul, windowAddress);
        Assert.Contains("129 slots", result.Reason);
        Assert.Equal(1, world.Window.Counters.TooLarge);
        Assert.Equal(0, world.Window.Counters.Exhaustions);
        Assert.Equal(0, world.Window.Counters.SlotsInUse);
    }

    [Fact]
    public void A_buffer_larger_than_the_whole_window_is_too_large_not_exhausted()
    {
        var world = new WindowWorld(windowSize: 8 * 1024);
        var result = world.Window.TryMap(0x1000, 8 * 1024 + 1, DmaDirection.ToDevice, out _);
        Assert.Equal(WindowMapStatus.TooLarge, result.Status);
    }

    [Fact]
    public void The_window_address_starts_at_a_slot_start_whatever_the_buffer_offset()
    {
        // No min_align_mask (virtio): swiotlb_align_offset is 0, so the offset within 2 KiB is not kept.
        var world = new WindowWorld();
        ulong first = world.Map(0x1234, 100, DmaDirection.ToDevice);
        ulong second = world.Map(0x5fff, 2, DmaDirection.ToDevice);

        Assert.Equal(WindowWorld.WindowBase, first);
        Assert.Equal(WindowWorld.WindowBase + BounceWindow.SlotSize, second);
        Assert.Equal(2, world.Window.Counters.SlotsInUse); // 2 bytes across a 2 KiB boundary still need one slot
    }

    [Fact]
    public void Search_starts_after_the_last_allocation_and_wraps()
    {
        var world = new WindowWorld(windowSize: 4 * BounceWindow.SlotSize);
        ulong a = world.Map(0x1000, 2048, DmaDirection.ToDevice);
        Assert.Equal(1, world.Window.NextSearchSlot);
        Assert.Equal(WindowUnmapStatus.Unmapped, world.Window.Unmap(a, 2048, DmaDirection.ToDevice));

        // Slot 0 is free again, but first fit starts at the rotating index, as swiotlb's area->index.
        ulong b = world.Map(0x1000, 2048, DmaDirection.ToDevice);
        Assert.Equal(WindowWorld.WindowBase + 1 * BounceWindow.SlotSize, b);

        ulong c = world.Map(0x2000, 4096, DmaDirection.ToDevice); // slots 2-3, index wraps to 0
        Assert.Equal(WindowWorld.WindowBase + 2 * BounceWindow.SlotSize, c);
        Assert.Equal(0, world.Window.NextSearchSlot);

        ulong d = world.Map(0x3000, 2048, DmaDirection.ToDevice);
        Assert.Equal(WindowWorld.WindowBase, d);
    }

    [Fact]
    public void A_run_does_not_wrap_past_the_last_slot()
    {
        var world = new WindowWorld(windowSize: 4 * BounceWindow.SlotSize);
        ulong a = world.Map(0x1000, 3 * 2048, DmaDirection.ToDevice); // slots 0-2, index 3
        Assert.Equal(WindowUnmapStatus.Unmapped, world.Window.Unmap(a, 3 * 2048, DmaDirection.ToDevice));

        // From index 3 only one slot remains before the end: the two-slot run is found at slot 0, not 3+0.
        ulong b = world.Map(0x1000, 2 * 2048, DmaDirection.ToDevice);
        Assert.Equal(WindowWorld.WindowBase, b);
    }

    [Theory]
    [InlineData(0ul)]
    [InlineData(1000ul)]
    [InlineData(2048ul * 3 + 1)]
    public void A_window_size_not_a_positive_multiple_of_2_KiB_is_rejected(ulong size)
    {
        var memory = new Sim.Hypervisors.Memory.GuestMemory("vm0", 1UL << 20);
        var error = Assert.Throws<ArgumentException>(() => new BounceWindow(memory, 0x80000, size));
        Assert.Contains("multiple of 2048", error.Message);
    }

    [Fact]
    public void A_window_outside_guest_memory_or_misaligned_is_rejected()
    {
        var memory = new Sim.Hypervisors.Memory.GuestMemory("vm0", 1UL << 20);
        Assert.Contains("outside vm0", Assert.Throws<ArgumentException>(() => new BounceWindow(memory, 0xF0000, 0x20000)).Message);
        Assert.Contains("aligned", Assert.Throws<ArgumentException>(() => new BounceWindow(memory, 0x80400, 0x800)).Message);
    }

    [Fact]
    public void Empty_out_of_memory_and_window_overlapping_buffers_are_bad_buffers()
    {
        var world = new WindowWorld();
        Assert.Equal(WindowMapStatus.BadBuffer, world.Window.TryMap(0x1000, 0, DmaDirection.ToDevice, out _).Status);
        Assert.Equal(WindowMapStatus.BadBuffer, world.Window.TryMap((4UL << 20) - 10, 20, DmaDirection.ToDevice, out _).Status);
        Assert.Equal(WindowMapStatus.BadBuffer, world.Window.TryMap(WindowWorld.WindowBase - 10, 20, DmaDirection.ToDevice, out _).Status);
        Assert.Equal(3, world.Window.Counters.BadBuffers);
        Assert.Equal(0, world.Window.Counters.SlotsInUse);
    }
}
