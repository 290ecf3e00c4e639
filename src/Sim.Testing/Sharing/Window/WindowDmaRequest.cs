using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>
/// A request of a device that reaches only a bounce window (Linux kernel/dma/swiotlb.c over a
/// <c>restricted-dma-pool</c>), travelling from the driver to the device and back. The runner creates it with its guest
/// buffer filled (<see cref="Payload"/>); the policy records the window mapping it makes for it, so later steps (and a
/// reset) can undo it.
/// </summary>
public sealed class WindowDmaRequest
{
    internal WindowDmaRequest(int id, int length, DmaDirection direction, ulong guestAddress, byte[] payload)
    {
        Id = id;
        Length = length;
        Direction = direction;
        GuestAddress = guestAddress;
        Payload = payload;
        DeviceBytes = new byte[length];
        DeviceWrote = new bool[length];
    }

    /// <summary>The request's number, in submission order from 0.</summary>
    public int Id { get; }
    /// <summary>Bytes in the buffer.</summary>
    public int Length { get; }
    /// <summary>Which way the device moves the data: it reads the buffer (ToDevice), writes it (FromDevice), or both.</summary>
    public DmaDirection Direction { get; }
    /// <summary>Guest-physical start of the driver's buffer (below the window; no other request in flight holds it).</summary>
    public ulong GuestAddress { get; }
    /// <summary>What the driver put in the buffer before submitting it.</summary>
    public IReadOnlyList<byte> Payload { get; }
    /// <summary>The buffer's live window mapping, or null (kept by <see cref="WindowPolicyContext.Map"/> and <see cref="WindowPolicyContext.Unmap"/>).</summary>
    public WindowMapping? Mapping { get; internal set; }
    /// <summary>Whether the device has served it.</summary>
    public bool Served { get; internal set; }

    /// <summary>The last byte the device wrote at each offset of the buffer's slots (where <see cref="DeviceWrote"/>).</summary>
    internal byte[] DeviceBytes { get; }
    /// <summary>Offsets of the buffer the device has written through its slots.</summary>
    internal bool[] DeviceWrote { get; }

    /// <inheritdoc />
    public override string ToString() => $"r{Id}";
}
