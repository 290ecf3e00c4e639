using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>The device sees only the window: everything else is denied, changes nothing, and is recorded.</summary>
public sealed class WindowDeviceMemoryTests
{
    private const ulong End = WindowWorld.WindowBase + 64 * 1024;

    [Theory]
    [InlineData(0x1000ul, 4u)]                       // an ordinary guest page
    [InlineData(WindowWorld.WindowBase - 4, 4u)]      // just below
    [InlineData(WindowWorld.WindowBase - 2, 4u)]      // straddling the start
    [InlineData(End - 2, 4u)]                         // straddling the end
    [InlineData(End, 1u)]                             // just above
    public void An_access_reaching_outside_the_window_is_denied_and_recorded(ulong address, uint length)
    {
        var world = new WindowWorld();
        var guest = world.FillGuest(address, (int)length, seed: 1);

        var read = new byte[length];
        Assert.Equal(AccessVerdict.Denied, world.DeviceMemory.Read(address, read));
        Assert.Equal(new byte[length], read);
        Assert.Equal(AccessVerdict.Denied, world.DeviceMemory.Write(address, new byte[length]));
        Assert.Equal(guest, world.ReadGuest(address, (int)length));

        var tally = world.Log.For(WindowWorld.Device);
        Assert.Equal(2, tally.Refused);
        Assert.Equal(0, tally.Reads + tally.Writes);
        Assert.Equal(0, tally.PagesTouched);
        Assert.Equal(
            [new MemoryAccess(WindowWorld.Device, MemoryAccessKind.Read, address, length, AccessVerdict.Denied),
             new MemoryAccess(WindowWorld.Device, MemoryAccessKind.Write, address, length, AccessVerdict.Denied)],
            world.Log.Accesses);
    }

    [Fact]
    public void An_access_beyond_guest_memory_is_out_of_range()
    {
        var world = new WindowWorld();
        Assert.Equal(AccessVerdict.OutOfRange, world.DeviceMemory.Read(4UL << 20, new byte[1]));
        Assert.Equal(AccessVerdict.OutOfRange, world.DeviceMemory.Write(ulong.MaxValue - 1, new byte[4]));
        Assert.Equal(2, world.Log.For(WindowWorld.Device).Refused);
    }

    [Fact]
    public void The_whole_window_and_only_it_is_reachable_so_exposure_is_the_window_size()
    {
        var world = new WindowWorld();
        for (ulong address = 0; address < 4UL << 20; address += 2048)
            world.DeviceMemory.Write(address, new byte[] { 1 });

        var tally = world.Log.For(WindowWorld.Device);
        Assert.Equal(32, tally.Writes);
        Assert.Equal((long)(2048 - 32), tally.Refused);
        Assert.Equal((int)(64 * 1024 / GuestMemory.PageSize), tally.PagesTouched);
        Assert.True(tally.Touched(WindowWorld.WindowBase));
        Assert.False(tally.Touched(WindowWorld.WindowBase - 1));
    }

    [Fact]
    public void Free_slots_are_reachable_too_like_the_hardware_pool()
    {
        var world = new WindowWorld();
        Assert.Equal(AccessVerdict.Allowed, world.DeviceMemory.Write(End - 8, new byte[8]));
        Assert.Equal(0, world.Window.Counters.SlotsInUse);
    }
}
