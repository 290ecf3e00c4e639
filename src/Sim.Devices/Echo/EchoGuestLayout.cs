using Sim.Hypervisors.Memory;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Echo;

/// <summary>
/// Where the echo driver puts things in guest memory: the queue's rings (descriptor table or ring, driver area, device
/// area, each aligned as both formats require), the indirect tables, and one request and one response buffer per
/// in-flight slot. Computed from the sizes from a start address (by default the second page: the first is left unused so that address 0 is never valid).
/// </summary>
public sealed record EchoGuestLayout(
    ulong DescriptorArea,
    ulong DriverArea,
    ulong DeviceArea,
    ulong IndirectArea,
    int MaxIndirectEntries,
    ulong BufferArea,
    ulong SlotStride,
    int ResponseOffset,
    ulong End)
{
    /// <summary>Indirect entries per chain: one request and one response buffer.</summary>
    public const int EntriesPerChain = 2;

    /// <summary>
    /// The layout for a queue of <paramref name="queueSize"/> and <paramref name="slots"/> in-flight requests, from
    /// <paramref name="start"/> on (page-aligned; default the second page, so that a guest's first device keeps page 0 free).
    /// </summary>
    public static EchoGuestLayout For(int queueSize, int slots, int requestBytes, int responseBytes, ulong start = 0x1000)
    {
        var cursor = GuestAreaCursor.At(start);
        var (descriptors, driver, device) = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        ulong stride = Alignment.AlignUp((ulong)requestBytes + (ulong)responseBytes, 64);
        ulong buffers = cursor.Take(stride * (ulong)slots, 4096);
        ulong end = cursor.PageEnd;
        return new EchoGuestLayout(descriptors, driver, device, indirect, EntriesPerChain, buffers, stride, requestBytes, end);
    }

    /// <summary>The request buffer of slot <paramref name="slot"/>.</summary>
    public ulong RequestBuffer(int slot) => BufferArea + SlotStride * (ulong)slot;

    /// <summary>The response buffer of slot <paramref name="slot"/>.</summary>
    public ulong ResponseBuffer(int slot) => RequestBuffer(slot) + (ulong)ResponseOffset;
}
