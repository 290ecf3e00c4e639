using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>
/// What an <see cref="IWindowPolicy"/> may do, each operation run on the real <see cref="BounceWindow"/> and
/// <see cref="WindowDeviceMemory"/> and the window model and judged by the oracle (<see cref="WindowHarness"/>), plus the
/// protocol's own rules (Linux kernel/dma/swiotlb.c; include/linux/dma-direction.h): the device reaches only the window,
/// reads of a device-bound buffer see what the driver put there, and a request's slots are freed only when its used
/// element comes back (or on a reset). The runner adds: a completed device-written buffer holds what the device wrote.
/// </summary>
public sealed class WindowPolicyContext
{
    private readonly List<WindowDmaRequest> _inFlight;
    private int _fill;

    internal WindowPolicyContext(WindowHarness harness, List<WindowDmaRequest> inFlight)
    {
        Harness = harness;
        _inFlight = inFlight;
    }

    /// <summary>The harness: the real window, the model and the report.</summary>
    public WindowHarness Harness { get; }

    /// <summary>Requests submitted whose used element has not come back.</summary>
    public IReadOnlyList<WindowDmaRequest> InFlight => _inFlight;

    /// <summary>The request whose used element is coming back (its slots may be freed now), if any.</summary>
    internal WindowDmaRequest? Completing { get; set; }

    /// <summary>Whether the device is being reset (every slot may be freed).</summary>
    internal bool Resetting { get; set; }

    /// <summary>
    /// The driver maps <paramref name="request"/>'s buffer for <paramref name="direction"/> (<c>swiotlb_tbl_map_single</c>:
    /// slots allocated, copied in for ToDevice and Bidirectional). On Mapped it becomes <see cref="WindowDmaRequest.Mapping"/>;
    /// Exhausted and TooLarge are statuses the policy must handle, never exceptions.
    /// </summary>
    public WindowMapResult Map(WindowDmaRequest request, DmaDirection direction)
    {
        var result = Harness.Map(request.GuestAddress, request.Length, direction, out ulong windowAddress);
        if (result.IsMapped) request.Mapping = new WindowMapping(windowAddress, request.GuestAddress, (uint)request.Length, direction, result.FirstSlot, result.Slots);
        Harness.CheckInvariants();
        return result;
    }

    /// <summary>
    /// The device reads or writes <paramref name="length"/> bytes at guest-physical <paramref name="address"/>. Reaching
    /// outside the window is a violation even when refused (a correct device never tries); a read of a device-bound
    /// buffer must return what the driver put there, except bytes the device itself wrote since.
    /// </summary>
    public AccessVerdict Access(ulong address, int length, bool write)
    {
        var data = new byte[length];
        if (write)
        {
            _fill++;
            for (int i = 0; i < length; i++) data[i] = (byte)(_fill * 41 + i * 5 + 1);
        }
        var verdict = Harness.Access(address, data, write);
        string what = $"the device {(write ? "wrote" : "read")} {length} bytes at 0x{address:x}";
        if (!Harness.Window.Contains(address, (ulong)length))
            Harness.Fail($"{what}, outside the window [0x{WindowHarness.WindowBase:x}, +0x{WindowHarness.WindowSize:x}) (answered {verdict})");
        else if (verdict == AccessVerdict.Allowed)
            foreach (var request in _inFlight)
                if (request.Mapping is { } m && address < m.WindowAddress + m.Length && m.WindowAddress < address + (ulong)length)
                    Overlap(request, m, address, data, write, what);
        Harness.CheckInvariants();
        return verdict;
    }

    /// <summary>
    /// The driver unmaps <paramref name="request"/>'s buffer (<c>swiotlb_tbl_unmap_single</c>: copied out for FromDevice
    /// and Bidirectional, then the slots freed). Freeing the slots of a request still in flight, other than while its
    /// used element comes back or the device is reset, is a violation.
    /// </summary>
    public WindowUnmapStatus Unmap(WindowDmaRequest request)
    {
        if (request.Mapping is not { } m)
        {
            Harness.Note($"unmap of {request}: not mapped");
            return WindowUnmapStatus.NotMapped;
        }
        if (!Resetting && Completing != request && _inFlight.Contains(request))
            Harness.Fail($"slots {m.FirstSlot}..{m.FirstSlot + m.Slots - 1} of {request} were freed while {request} is in flight (its used element has not come back)");
        var status = Harness.Unmap(m.WindowAddress, (int)m.Length, m.Direction);
        if (status == WindowUnmapStatus.Unmapped) request.Mapping = null;
        Harness.CheckInvariants();
        return status;
    }

    /// <summary>After a step: every request in flight that has a mapping still holds its slots in the real window.</summary>
    internal void CheckInFlightHoldSlots()
    {
        foreach (var request in _inFlight)
            if (request.Mapping is { } m && !Harness.Window.LiveMappings.Contains(m))
            {
                Harness.Fail($"slots {m.FirstSlot}..{m.FirstSlot + m.Slots - 1} of {request} are no longer mapped while {request} is in flight");
                return;
            }
    }

    /// <summary>After <paramref name="request"/> completed: where the device wrote its slots, a device-written buffer holds the device's bytes.</summary>
    internal void CheckCopiedBack(WindowDmaRequest request)
    {
        if (request.Direction == DmaDirection.ToDevice) return;
        var guest = new byte[request.Length];
        Harness.Memory.Read(request.GuestAddress, guest);
        for (int i = 0; i < request.Length; i++)
            if (request.DeviceWrote[i] && guest[i] != request.DeviceBytes[i])
            {
                Harness.Fail($"the completed {request.Direction} buffer of {request} at 0x{request.GuestAddress:x} misses the device's bytes: byte {i} is 0x{guest[i]:x2}, the device wrote 0x{request.DeviceBytes[i]:x2}");
                return;
            }
    }

    // Records what the device wrote into the request's slots; checks what it read there.
    private void Overlap(WindowDmaRequest request, WindowMapping m, ulong address, byte[] data, bool write, string what)
    {
        ulong from = Math.Max(address, m.WindowAddress), to = Math.Min(address + (ulong)data.Length, m.WindowAddress + m.Length);
        for (ulong a = from; a < to; a++)
        {
            int inBuffer = (int)(a - m.WindowAddress), inData = (int)(a - address);
            if (write)
            {
                request.DeviceBytes[inBuffer] = data[inData];
                request.DeviceWrote[inBuffer] = true;
            }
            else if (request.Direction != DmaDirection.FromDevice && !request.DeviceWrote[inBuffer] && data[inData] != request.Payload[inBuffer])
            {
                Harness.Fail($"{what} in {request}'s slots, but byte {inBuffer} is 0x{data[inData]:x2} where the driver put 0x{request.Payload[inBuffer]:x2} (the {request.Direction} buffer was not copied in)");
                return;
            }
        }
    }
}
