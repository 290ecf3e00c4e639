using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Rpmb;

/// <summary>
/// Where the virtio-rpmb driver puts things in guest memory: the requestq's rings, its indirect tables, one request
/// buffer (the most frames a request carries) and one response buffer (the most frames a response carries). One
/// request at a time, as RPMB is serial (5.12.6). Computed from a page-aligned start.
/// </summary>
/// <param name="Rings">The requestq's descriptor, driver and device areas.</param>
/// <param name="IndirectArea">The indirect tables.</param>
/// <param name="RequestBuffer">The request frames.</param>
/// <param name="RequestBytes">Bytes of the request buffer.</param>
/// <param name="ResponseBuffer">The response frames.</param>
/// <param name="ResponseBytes">Bytes of the response buffer.</param>
/// <param name="QueueSize">Entries of the requestq.</param>
/// <param name="End">The first page after the layout.</param>
public sealed record RpmbGuestLayout((ulong Descriptors, ulong Driver, ulong Device) Rings, ulong IndirectArea, ulong RequestBuffer, int RequestBytes,
    ulong ResponseBuffer, int ResponseBytes, ushort QueueSize, ulong End)
{
    /// <summary>Indirect entries per chain: the request frames and the response frames.</summary>
    public const int EntriesPerChain = 2;

    /// <summary>The layout for a requestq of <paramref name="queueSize"/> and <paramref name="workload"/>'s frames from <paramref name="start"/>.</summary>
    public static RpmbGuestLayout For(ushort queueSize, RpmbWorkload workload, ulong start)
    {
        var cursor = GuestAreaCursor.At(start);
        var rings = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        int requestBytes = workload.MaxRequestFrames * RpmbLayout.FrameSize, responseBytes = workload.MaxResponseFrames * RpmbLayout.FrameSize;
        ulong request = cursor.Take((ulong)requestBytes, 64);
        ulong response = cursor.Take((ulong)responseBytes, 64);
        return new RpmbGuestLayout(rings, indirect, request, requestBytes, response, responseBytes, queueSize, cursor.PageEnd);
    }
}
