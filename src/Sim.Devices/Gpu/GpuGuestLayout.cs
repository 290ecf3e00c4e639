using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Gpu;

/// <summary>
/// Where the virtio-gpu driver puts things in guest memory: the controlq's and the cursorq's rings, the controlq's
/// indirect tables, a request and a response buffer per command slot (the largest request is the framebuffer's
/// RESOURCE_ATTACH_BACKING with its entries; the largest response <c>virtio_gpu_resp_display_info</c>), the cursorq's
/// command buffers, then the framebuffer's and the cursor's backing, page-aligned. Computed from a page-aligned start.
/// </summary>
/// <param name="ControlRings">The controlq's descriptor, driver and device areas.</param>
/// <param name="CursorRings">The cursorq's descriptor, driver and device areas.</param>
/// <param name="IndirectArea">The controlq's indirect tables.</param>
/// <param name="RequestArea">The first slot's request buffer.</param>
/// <param name="RequestBytes">Bytes of each request buffer.</param>
/// <param name="ResponseArea">The first slot's response buffer.</param>
/// <param name="CursorCommandArea">The first cursor command buffer.</param>
/// <param name="Framebuffer">The framebuffer's backing.</param>
/// <param name="CursorImage">The cursor's backing.</param>
/// <param name="QueueSize">Entries per queue.</param>
/// <param name="End">The first page after the layout.</param>
public sealed record GpuGuestLayout(
    (ulong Descriptors, ulong Driver, ulong Device) ControlRings,
    (ulong Descriptors, ulong Driver, ulong Device) CursorRings,
    ulong IndirectArea, ulong RequestArea, int RequestBytes, ulong ResponseArea, ulong CursorCommandArea,
    ulong Framebuffer, ulong CursorImage, ushort QueueSize, ulong End)
{
    /// <summary>Command slots on the controlq: a frame needs two (transfer, flush); set-up pipelines more.</summary>
    public const int Slots = 4;

    /// <summary>Cursor command buffers (moves in flight at once).</summary>
    public const int CursorBuffers = 4;

    /// <summary>Indirect entries per controlq chain: request and response.</summary>
    public const int EntriesPerChain = 2;

    /// <summary>The layout for queues of <paramref name="queueSize"/> and <paramref name="workload"/>'s display from <paramref name="start"/>.</summary>
    public static GpuGuestLayout For(ushort queueSize, GpuWorkload workload, ulong start)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var cursor = GuestAreaCursor.At(start);
        var control = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        var cursorRings = GuestQueueReservation.Rings(queueSize).Place(cursor.Take);
        ulong indirect = cursor.Take(GuestQueueReservation.IndirectTableBytes(queueSize, EntriesPerChain), GuestQueueReservation.DescriptorAlignment);
        int requestBytes = GpuLayout.ResourceAttachBacking.Size + Math.Max(workload.FramebufferEntries, 1) * GpuLayout.MemEntry.Size;
        ulong requests = cursor.Take((ulong)(requestBytes * Slots), 64);
        ulong responses = cursor.Take((ulong)(GpuLayout.RespDisplayInfo.Size * Slots), 64);
        ulong cursorCommands = cursor.Take((ulong)(GpuLayout.UpdateCursor.Size * CursorBuffers), 64);
        ulong framebuffer = cursor.Take((ulong)workload.FramebufferBytes, GuestMemory.PageSize);
        ulong cursorImage = cursor.Take(GpuWorkload.CursorBytes, GuestMemory.PageSize);
        return new GpuGuestLayout(control, cursorRings, indirect, requests, requestBytes, responses, cursorCommands, framebuffer, cursorImage, queueSize, cursor.PageEnd);
    }

    /// <summary>Slot <paramref name="slot"/>'s request buffer.</summary>
    public ulong Request(int slot) => RequestArea + (ulong)(slot * RequestBytes);

    /// <summary>Slot <paramref name="slot"/>'s response buffer.</summary>
    public ulong Response(int slot) => ResponseArea + (ulong)(slot * GpuLayout.RespDisplayInfo.Size);

    /// <summary>Cursor command buffer <paramref name="index"/>.</summary>
    public ulong CursorCommand(int index) => CursorCommandArea + (ulong)(index * GpuLayout.UpdateCursor.Size);

    /// <summary>Where the rings start (the controlq's descriptor area).</summary>
    public ulong RingStart => ControlRings.Descriptors;
}
