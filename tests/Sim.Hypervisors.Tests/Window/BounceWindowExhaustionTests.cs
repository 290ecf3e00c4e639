using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>A full or fragmented window refuses maps with a result value, and recovers when mappings are unmapped.</summary>
public sealed class BounceWindowExhaustionTests
{
    private const uint Slot = BounceWindow.SlotSize;

    [Fact]
    public void A_full_window_refuses_with_Exhausted_and_recovers_after_an_unmap()
    {
        var world = new WindowWorld(windowSize: 8 * Slot);
        var mapped = Enumerable.Range(0, 4).Select(i => world.Map(0x1000 + (ulong)i * 0x2000, 2 * Slot, DmaDirection.ToDevice)).ToList();
        Assert.Equal(8, world.Window.Counters.SlotsInUse);

        var refused = world.Window.TryMap(0x20000, 1, DmaDirection.ToDevice, out ulong windowAddress);
        Assert.Equal(WindowMapStatus.Exhausted, refused.Status);
        Assert.Equal(0ul, windowAddress);
        Assert.Contains("0 of 8 free", refused.Reason);
        Assert.Equal(1, world.Window.Counters.Exhaustions);

        Assert.Equal(WindowUnmapStatus.Unmapped, world.Window.Unmap(mapped[2], 2 * Slot, DmaDirection.ToDevice));
        Assert.Equal(mapped[2], world.Map(0x20000, 2 * Slot, DmaDirection.ToDevice));
        Assert.Equal(8, world.Window.Counters.PeakSlotsInUse);
        Assert.Equal(5, world.Window.Counters.Maps);
    }

    [Fact]
    public void A_large_map_fails_when_enough_slots_are_free_but_not_contiguous()
    {
        var world = new WindowWorld(windowSize: 8 * Slot);
        var mapped = Enumerable.Range(0, 8).Select(i => world.Map(0x1000 + (ulong)i * 0x1000, Slot, DmaDirection.ToDevice)).ToList();
        foreach (int i in new[] { 0, 2, 4, 6 }) world.Window.Unmap(mapped[i], Slot, DmaDirection.ToDevice);
        Assert.Equal(4, world.Window.Counters.SlotsInUse);

        var refused = world.Window.TryMap(0x20000, 2 * Slot, DmaDirection.ToDevice, out _);
        Assert.Equal(WindowMapStatus.Exhausted, refused.Status);
        Assert.Contains("4 of 8 free", refused.Reason);

        // Free one neighbour: slots 2-3 are now a run of two.
        world.Window.Unmap(mapped[3], Slot, DmaDirection.ToDevice);
        Assert.Equal(WindowWorld.WindowBase + 2 * Slot, world.Map(0x20000, 2 * Slot, DmaDirection.ToDevice));
    }

    [Fact]
    public void The_largest_mapping_fits_the_default_pool_256_times()
    {
        var memory = new Sim.Hypervisors.Memory.GuestMemory("vm0", 128UL << 20);
        var window = new BounceWindow(memory, 64UL << 20, BounceWindow.DefaultSize);
        Assert.Equal(32768, window.SlotCount);
        for (int i = 0; i < 256; i++)
        {
            var result = window.TryMap(0, BounceWindow.MaxMappingSize, DmaDirection.FromDevice, out _);
            Assert.True(result.IsMapped, $"map {i}: {result.Reason}");
        }
        Assert.Equal(WindowMapStatus.Exhausted, window.TryMap(0, 1, DmaDirection.FromDevice, out _).Status);
        Assert.Equal(32768, window.Counters.PeakSlotsInUse);
    }
}
