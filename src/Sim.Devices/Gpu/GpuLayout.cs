namespace Sim.Devices.Gpu;

/// <summary>
/// The virtio-gpu 2D wire format a display's scanout traffic uses (virtio 1.2, 5.7; Linux
/// <c>include/uapi/linux/virtio_gpu.h</c>, which is authoritative): the control header
/// <c>struct virtio_gpu_ctrl_hdr</c>, command and response types, header flags, the layout of
/// <c>virtio_gpu_rect</c> and of the 2D commands, <c>virtio_gpu_resp_display_info</c> and <c>struct virtio_gpu_config</c>.
/// Every field is little-endian. Every value is checked against the installed Linux header by <c>GpuLayoutGoldenTests</c>.
/// </summary>
public static class GpuLayout
{
    /// <summary>
    /// <c>sizeof(struct virtio_gpu_ctrl_hdr)</c>: type le32 @0, flags le32 @4, fence_id le64 @8, ctx_id le32 @16,
    /// ring_idx u8 @20, padding[3] @21 (5.7.6.7). Every request and response starts with it.
    /// </summary>
    public const int HeaderSize = 24;
    /// <summary><c>offsetof(virtio_gpu_ctrl_hdr, type)</c>: a command or response type.</summary>
    public const int HeaderTypeOffset = 0;
    /// <summary><c>offsetof(virtio_gpu_ctrl_hdr, flags)</c>: <see cref="FlagFence"/>, <see cref="FlagInfoRingIdx"/>.</summary>
    public const int HeaderFlagsOffset = 4;
    /// <summary><c>offsetof(virtio_gpu_ctrl_hdr, fence_id)</c>.</summary>
    public const int HeaderFenceIdOffset = 8;
    /// <summary><c>offsetof(virtio_gpu_ctrl_hdr, ctx_id)</c>: the 3D context (0 for 2D commands).</summary>
    public const int HeaderCtxIdOffset = 16;
    /// <summary><c>offsetof(virtio_gpu_ctrl_hdr, ring_idx)</c>: the fence timeline (with <see cref="FlagInfoRingIdx"/>).</summary>
    public const int HeaderRingIdxOffset = 20;
    /// <summary><c>offsetof(virtio_gpu_ctrl_hdr, padding)</c>: three zero bytes.</summary>
    public const int HeaderPaddingOffset = 21;

    /// <summary>VIRTIO_GPU_FLAG_FENCE: the device completes the command only when its work is done, and echoes fence_id.</summary>
    public const uint FlagFence = 1;
    /// <summary>VIRTIO_GPU_FLAG_INFO_RING_IDX: ring_idx names the fence timeline (VIRTIO_GPU_F_CONTEXT_INIT).</summary>
    public const uint FlagInfoRingIdx = 2;

    /// <summary>VIRTIO_GPU_CMD_GET_DISPLAY_INFO: header only; answered by <see cref="RespOkDisplayInfo"/>.</summary>
    public const uint CmdGetDisplayInfo = 0x0100;
    /// <summary>VIRTIO_GPU_CMD_RESOURCE_CREATE_2D.</summary>
    public const uint CmdResourceCreate2D = 0x0101;
    /// <summary>VIRTIO_GPU_CMD_SET_SCANOUT.</summary>
    public const uint CmdSetScanout = 0x0103;
    /// <summary>VIRTIO_GPU_CMD_RESOURCE_FLUSH.</summary>
    public const uint CmdResourceFlush = 0x0104;
    /// <summary>VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D.</summary>
    public const uint CmdTransferToHost2D = 0x0105;
    /// <summary>VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING.</summary>
    public const uint CmdResourceAttachBacking = 0x0106;

    /// <summary>VIRTIO_GPU_RESP_OK_NODATA: success, header only.</summary>
    public const uint RespOkNoData = 0x1100;
    /// <summary>VIRTIO_GPU_RESP_OK_DISPLAY_INFO: success with <c>virtio_gpu_resp_display_info</c>.</summary>
    public const uint RespOkDisplayInfo = 0x1101;
    /// <summary>VIRTIO_GPU_RESP_ERR_UNSPEC.</summary>
    public const uint RespErrUnspec = 0x1200;
    /// <summary>VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY.</summary>
    public const uint RespErrOutOfMemory = 0x1201;
    /// <summary>VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID.</summary>
    public const uint RespErrInvalidScanoutId = 0x1202;
    /// <summary>VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID.</summary>
    public const uint RespErrInvalidResourceId = 0x1203;
    /// <summary>VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID.</summary>
    public const uint RespErrInvalidContextId = 0x1204;
    /// <summary>VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER.</summary>
    public const uint RespErrInvalidParameter = 0x1205;

    /// <summary>VIRTIO_GPU_MAX_SCANOUTS: entries of <c>pmodes</c>, and the most scanouts a device has.</summary>
    public const int MaxScanouts = 16;

    /// <summary>VIRTIO_GPU_EVENT_DISPLAY: bit of config events_read: the display configuration changed (5.7.4).</summary>
    public const uint EventDisplay = 1;

    /// <summary><c>struct virtio_gpu_rect</c>: x le32 @0, y le32 @4, width le32 @8, height le32 @12.</summary>
    public static class Rect
    {
        /// <summary><c>sizeof(struct virtio_gpu_rect)</c>.</summary>
        public const int Size = 16;
        /// <summary><c>offsetof(virtio_gpu_rect, x)</c>.</summary>
        public const int X = 0;
        /// <summary><c>offsetof(virtio_gpu_rect, y)</c>.</summary>
        public const int Y = 4;
        /// <summary><c>offsetof(virtio_gpu_rect, width)</c>.</summary>
        public const int Width = 8;
        /// <summary><c>offsetof(virtio_gpu_rect, height)</c>.</summary>
        public const int Height = 12;
    }

    /// <summary><c>struct virtio_gpu_resource_create_2d</c> (5.7.6.8): hdr, resource_id, format, width, height.</summary>
    public static class ResourceCreate2D
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 40;
        /// <summary><c>offsetof(resource_id)</c>.</summary>
        public const int ResourceId = 24;
        /// <summary><c>offsetof(format)</c>: a <see cref="GpuFormat"/>.</summary>
        public const int Format = 28;
        /// <summary><c>offsetof(width)</c>.</summary>
        public const int Width = 32;
        /// <summary><c>offsetof(height)</c>.</summary>
        public const int Height = 36;
    }

    /// <summary><c>struct virtio_gpu_set_scanout</c> (5.7.6.8): hdr, r, scanout_id, resource_id (0 disables the scanout).</summary>
    public static class SetScanout
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 48;
        /// <summary><c>offsetof(r)</c>.</summary>
        public const int Rect = 24;
        /// <summary><c>offsetof(scanout_id)</c>.</summary>
        public const int ScanoutId = 40;
        /// <summary><c>offsetof(resource_id)</c>.</summary>
        public const int ResourceId = 44;
    }

    /// <summary><c>struct virtio_gpu_resource_flush</c> (5.7.6.8): hdr, r, resource_id, padding.</summary>
    public static class ResourceFlush
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 48;
        /// <summary><c>offsetof(r)</c>.</summary>
        public const int Rect = 24;
        /// <summary><c>offsetof(resource_id)</c>.</summary>
        public const int ResourceId = 40;
        /// <summary><c>offsetof(padding)</c>.</summary>
        public const int Padding = 44;
    }

    /// <summary><c>struct virtio_gpu_transfer_to_host_2d</c> (5.7.6.8): hdr, r, offset le64, resource_id, padding.</summary>
    public static class TransferToHost2D
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 56;
        /// <summary><c>offsetof(r)</c>.</summary>
        public const int Rect = 24;
        /// <summary><c>offsetof(offset)</c>: byte offset of the rectangle in the backing.</summary>
        public const int Offset = 40;
        /// <summary><c>offsetof(resource_id)</c>.</summary>
        public const int ResourceId = 48;
        /// <summary><c>offsetof(padding)</c>.</summary>
        public const int Padding = 52;
    }

    /// <summary>
    /// <c>struct virtio_gpu_resource_attach_backing</c> (5.7.6.8): hdr, resource_id, nr_entries, followed in the same
    /// readable part by nr_entries <c>struct virtio_gpu_mem_entry</c>.
    /// </summary>
    public static class ResourceAttachBacking
    {
        /// <summary><c>sizeof</c>, without the entries.</summary>
        public const int Size = 32;
        /// <summary><c>offsetof(resource_id)</c>.</summary>
        public const int ResourceId = 24;
        /// <summary><c>offsetof(nr_entries)</c>.</summary>
        public const int NrEntries = 28;
    }

    /// <summary><c>struct virtio_gpu_mem_entry</c>: addr le64 @0, length le32 @8, padding le32 @12.</summary>
    public static class MemEntry
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 16;
        /// <summary><c>offsetof(addr)</c>: guest (DMA) address of the backing page run.</summary>
        public const int Addr = 0;
        /// <summary><c>offsetof(length)</c>.</summary>
        public const int Length = 8;
        /// <summary><c>offsetof(padding)</c>.</summary>
        public const int Padding = 12;
    }

    /// <summary><c>struct virtio_gpu_resp_display_info</c> (5.7.6.8): hdr, then pmodes[<see cref="MaxScanouts"/>] of <c>virtio_gpu_display_one</c>.</summary>
    public static class RespDisplayInfo
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 408;
        /// <summary><c>offsetof(pmodes)</c>.</summary>
        public const int PModes = 24;
    }

    /// <summary><c>struct virtio_gpu_display_one</c>: r @0, enabled le32 @16, flags le32 @20.</summary>
    public static class DisplayOne
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 24;
        /// <summary><c>offsetof(r)</c>.</summary>
        public const int Rect = 0;
        /// <summary><c>offsetof(enabled)</c>.</summary>
        public const int Enabled = 16;
        /// <summary><c>offsetof(flags)</c>.</summary>
        public const int Flags = 20;
    }

    /// <summary><c>struct virtio_gpu_config</c> (5.7.4): events_read, events_clear, num_scanouts, num_capsets, all le32.</summary>
    public static class Config
    {
        /// <summary><c>sizeof</c>.</summary>
        public const int Size = 16;
        /// <summary><c>offsetof(events_read)</c>: pending events (<see cref="EventDisplay"/>), read-only.</summary>
        public const int EventsRead = 0;
        /// <summary><c>offsetof(events_clear)</c>: the driver writes bits to clear them.</summary>
        public const int EventsClear = 4;
        /// <summary><c>offsetof(num_scanouts)</c>: 1 to <see cref="MaxScanouts"/>.</summary>
        public const int NumScanouts = 8;
        /// <summary><c>offsetof(num_capsets)</c>: 3D capability sets (0 for a 2D device).</summary>
        public const int NumCapsets = 12;
    }
}
