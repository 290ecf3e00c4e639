using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>
/// A one-guest scenario in one line: 4 MiB of guest memory, a bounce window at 2 MiB, the device's window-only
/// access path, and an access log that keeps every access. Buffers live below the window.
/// </summary>
internal sealed class WindowWorld
{
    public const ulong WindowBase = 2UL << 20;
    public const string Device = "vm0/virtio-net";

    public WindowWorld(ulong windowSize = 64 * 1024, bool preloadFromDevice = false)
    {
        Memory = new GuestMemory("vm0", 4UL << 20);
        Window = new BounceWindow(Memory, WindowBase, windowSize, preloadFromDevice);
        Log = new AccessLog(keepEveryAccess: true);
        DeviceMemory = new WindowDeviceMemory(Window, Device, Log);
    }

    public GuestMemory Memory { get; }
    public BounceWindow Window { get; }
    public AccessLog Log { get; }
    public WindowDeviceMemory DeviceMemory { get; }

    /// <summary>Deterministic, position-dependent bytes: no two nearby offsets repeat.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)(seed * 31 + i * 7 + (i >> 8));
        return bytes;
    }

    /// <summary>Writes <see cref="Pattern"/> into the guest at <paramref name="address"/> and returns it.</summary>
    public byte[] FillGuest(ulong address, int length, int seed)
    {
        var bytes = Pattern(length, seed);
        Memory.Write(address, bytes);
        return bytes;
    }

    public byte[] ReadGuest(ulong address, int length)
    {
        var bytes = new byte[length];
        Memory.Read(address, bytes);
        return bytes;
    }

    /// <summary>Maps and asserts it worked; returns the window address.</summary>
    public ulong Map(ulong guestAddress, uint length, DmaDirection direction)
    {
        var result = Window.TryMap(guestAddress, length, direction, out ulong windowAddress);
        Assert.True(result.IsMapped, result.Reason);
        return windowAddress;
    }
}
