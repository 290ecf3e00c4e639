using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>Bytes bounced each way: into the window at map time for device-bound data, back at unmap time for CPU-bound data.</summary>
public sealed class BounceWindowCopyTests
{
    [Fact]
    public void ToDevice_copies_the_guest_buffer_into_the_window_and_nothing_back()
    {
        var world = new WindowWorld();
        var original = world.FillGuest(0x3100, 5000, seed: 1);
        ulong windowAddress = world.Map(0x3100, 5000, DmaDirection.ToDevice);

        var seen = new byte[5000];
        Assert.Equal(AccessVerdict.Allowed, world.DeviceMemory.Read(windowAddress, seen));
        Assert.Equal(original, seen);
        Assert.Equal(5000, world.Window.Counters.BytesCopiedIn);

        // A device that scribbles on a to-device buffer changes only the window.
        Assert.Equal(AccessVerdict.Allowed, world.DeviceMemory.Write(windowAddress, WindowWorld.Pattern(5000, seed: 9)));
        Assert.Equal(WindowUnmapStatus.Unmapped, world.Window.Unmap(windowAddress, 5000, DmaDirection.ToDevice));
        Assert.Equal(original, world.ReadGuest(0x3100, 5000));
        Assert.Equal(0, world.Window.Counters.BytesCopiedOut);
    }

    [Fact]
    public void FromDevice_writes_reach_the_guest_buffer_only_at_unmap()
    {
        var world = new WindowWorld();
        var before = world.FillGuest(0x8000, 3000, seed: 2);
        ulong windowAddress = world.Map(0x8000, 3000, DmaDirection.FromDevice);
        Assert.Equal(0, world.Window.Counters.BytesCopiedIn);

        var written = WindowWorld.Pattern(3000, seed: 3);
        Assert.Equal(AccessVerdict.Allowed, world.DeviceMemory.Write(windowAddress, written));
        Assert.Equal(before, world.ReadGuest(0x8000, 3000)); // not yet

        Assert.Equal(WindowUnmapStatus.Unmapped, world.Window.Unmap(windowAddress, 3000, DmaDirection.FromDevice));
        Assert.Equal(written, world.ReadGuest(0x8000, 3000));
        Assert.Equal(3000, world.Window.Counters.BytesCopiedOut);
    }

    [Fact]
    public void Bidirectional_copies_in_at_map_and_out_at_unmap()
    {
        var world = new WindowWorld();
        var original = world.FillGuest(0x10000, 4096, seed: 4);
        ulong windowAddress = world.Map(0x10000, 4096, DmaDirection.Bidirectional);

        var seen = new byte[4096];
        world.DeviceMemory.Read(windowAddress, seen);
        Assert.Equal(original, seen);

        world.DeviceMemory.WriteUInt32(windowAddress + 100, 0xdeadbeef);
        Assert.Equal(original, world.ReadGuest(0x10000, 4096));
        world.Window.Unmap(windowAddress, 4096, DmaDirection.Bidirectional);

        original[100] = 0xef; original[101] = 0xbe; original[102] = 0xad; original[103] = 0xde;
        Assert.Equal(original, world.ReadGuest(0x10000, 4096));
        Assert.Equal(4096, world.Window.Counters.BytesCopiedIn);
        Assert.Equal(4096, world.Window.Counters.BytesCopiedOut);
    }

    [Fact]
    public void Without_preload_a_partial_FromDevice_write_hands_back_stale_window_bytes()
    {
        // The hazard Linux fixed in 5.18 by bouncing unconditionally at map time: the slot still holds an earlier
        // mapping's data, the device sees it, and unmap copies it over the parts of the buffer the device did not write.
        var world = new WindowWorld(windowSize: 2 * BounceWindow.SlotSize);
        var secret = world.FillGuest(0x1000, 2048, seed: 5);
        world.Window.Unmap(world.Map(0x1000, 2048, DmaDirection.ToDevice), 2048, DmaDirection.ToDevice);
        world.Window.Unmap(world.Map(0x1000, 2048, DmaDirection.ToDevice), 2048, DmaDirection.ToDevice); // slot 1 too

        world.FillGuest(0x9000, 2048, seed: 6);
        ulong windowAddress = world.Map(0x9000, 2048, DmaDirection.FromDevice);
        world.DeviceMemory.Write(windowAddress, new byte[16]);
        world.Window.Unmap(windowAddress, 2048, DmaDirection.FromDevice);

        Assert.Equal(secret[16..], world.ReadGuest(0x9000 + 16, 2048 - 16));
    }

    [Fact]
    public void With_preload_a_partial_FromDevice_write_keeps_the_rest_of_the_guest_buffer()
    {
        var world = new WindowWorld(windowSize: 2 * BounceWindow.SlotSize, preloadFromDevice: true);
        world.FillGuest(0x1000, 2048, seed: 5);
        world.Window.Unmap(world.Map(0x1000, 2048, DmaDirection.ToDevice), 2048, DmaDirection.ToDevice);
        world.Window.Unmap(world.Map(0x1000, 2048, DmaDirection.ToDevice), 2048, DmaDirection.ToDevice);

        var own = world.FillGuest(0x9000, 2048, seed: 6);
        ulong windowAddress = world.Map(0x9000, 2048, DmaDirection.FromDevice);
        world.DeviceMemory.Write(windowAddress, new byte[16]);
        world.Window.Unmap(windowAddress, 2048, DmaDirection.FromDevice);

        Assert.Equal(new byte[16], world.ReadGuest(0x9000, 16));
        Assert.Equal(own[16..], world.ReadGuest(0x9000 + 16, 2048 - 16));
        Assert.Equal(3 * 2048, world.Window.Counters.BytesCopiedIn);
    }

    [Fact]
    public void Unmapping_twice_or_with_another_length_or_direction_does_nothing_and_is_counted()
    {
        var world = new WindowWorld();
        var before = world.FillGuest(0x4000, 100, seed: 7);
        ulong windowAddress = world.Map(0x4000, 100, DmaDirection.FromDevice);
        world.DeviceMemory.Write(windowAddress, new byte[100]);

        Assert.Equal(WindowUnmapStatus.Mismatch, world.Window.Unmap(windowAddress, 99, DmaDirection.FromDevice));
        Assert.Equal(WindowUnmapStatus.Mismatch, world.Window.Unmap(windowAddress, 100, DmaDirection.Bidirectional));
        Assert.Equal(WindowUnmapStatus.NotMapped, world.Window.Unmap(windowAddress + 2048, 100, DmaDirection.FromDevice));
        Assert.Equal(before, world.ReadGuest(0x4000, 100));
        Assert.Equal(1, world.Window.Counters.SlotsInUse);

        Assert.Equal(WindowUnmapStatus.Unmapped, world.Window.Unmap(windowAddress, 100, DmaDirection.FromDevice));
        Assert.Equal(WindowUnmapStatus.NotMapped, world.Window.Unmap(windowAddress, 100, DmaDirection.FromDevice));
        Assert.Equal(4, world.Window.Counters.BadUnmaps);
        Assert.Equal(1, world.Window.Counters.Unmaps);
        Assert.Equal(100, world.Window.Counters.BytesCopiedOut);
    }
}
