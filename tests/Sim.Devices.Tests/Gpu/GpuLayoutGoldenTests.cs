using System.Globalization;
using Sim.Devices.Gpu;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// <see cref="GpuLayout"/> and <see cref="GpuFormat"/> against Linux: <c>linux_virtio_gpu_golden.c</c> (copied next to
/// the test assembly under Golden/), compiled with gcc against /usr/include/linux/virtio_gpu.h, prints struct sizes,
/// field offsets, command and response types, header flags, formats and constants; every line must have a C#
/// counterpart equal to it, and every C# constant must be printed unless it is newer than some Linux headers.
/// </summary>
public sealed class GpuLayoutGoldenTests
{
    /// <summary>Linux key → the simulator's value.</summary>
    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["layout.sizeof.virtio_gpu_ctrl_hdr"] = GpuLayout.HeaderSize,
        ["layout.offsetof.virtio_gpu_ctrl_hdr.type"] = GpuLayout.HeaderTypeOffset,
        ["layout.offsetof.virtio_gpu_ctrl_hdr.flags"] = GpuLayout.HeaderFlagsOffset,
        ["layout.offsetof.virtio_gpu_ctrl_hdr.fence_id"] = GpuLayout.HeaderFenceIdOffset,
        ["layout.offsetof.virtio_gpu_ctrl_hdr.ctx_id"] = GpuLayout.HeaderCtxIdOffset,
        ["layout.offsetof.virtio_gpu_ctrl_hdr.ring_idx"] = GpuLayout.HeaderRingIdxOffset,
        ["layout.offsetof.virtio_gpu_ctrl_hdr.padding"] = GpuLayout.HeaderPaddingOffset,
        ["layout.sizeof.virtio_gpu_rect"] = GpuLayout.Rect.Size,
        ["layout.offsetof.virtio_gpu_rect.x"] = GpuLayout.Rect.X,
        ["layout.offsetof.virtio_gpu_rect.y"] = GpuLayout.Rect.Y,
        ["layout.offsetof.virtio_gpu_rect.width"] = GpuLayout.Rect.Width,
        ["layout.offsetof.virtio_gpu_rect.height"] = GpuLayout.Rect.Height,
        ["layout.sizeof.virtio_gpu_resource_create_2d"] = GpuLayout.ResourceCreate2D.Size,
        ["layout.offsetof.virtio_gpu_resource_create_2d.resource_id"] = GpuLayout.ResourceCreate2D.ResourceId,
        ["layout.offsetof.virtio_gpu_resource_create_2d.format"] = GpuLayout.ResourceCreate2D.Format,
        ["layout.offsetof.virtio_gpu_resource_create_2d.width"] = GpuLayout.ResourceCreate2D.Width,
        ["layout.offsetof.virtio_gpu_resource_create_2d.height"] = GpuLayout.ResourceCreate2D.Height,
        ["layout.sizeof.virtio_gpu_set_scanout"] = GpuLayout.SetScanout.Size,
        ["layout.offsetof.virtio_gpu_set_scanout.r"] = GpuLayout.SetScanout.Rect,
        ["layout.offsetof.virtio_gpu_set_scanout.scanout_id"] = GpuLayout.SetScanout.ScanoutId,
        ["layout.offsetof.virtio_gpu_set_scanout.resource_id"] = GpuLayout.SetScanout.ResourceId,
        ["layout.sizeof.virtio_gpu_resource_flush"] = GpuLayout.ResourceFlush.Size,
        ["layout.offsetof.virtio_gpu_resource_flush.r"] = GpuLayout.ResourceFlush.Rect,
        ["layout.offsetof.virtio_gpu_resource_flush.resource_id"] = GpuLayout.ResourceFlush.ResourceId,
        ["layout.offsetof.virtio_gpu_resource_flush.padding"] = GpuLayout.ResourceFlush.Padding,
        ["layout.sizeof.virtio_gpu_transfer_to_host_2d"] = GpuLayout.TransferToHost2D.Size,
        ["layout.offsetof.virtio_gpu_transfer_to_host_2d.r"] = GpuLayout.TransferToHost2D.Rect,
        ["layout.offsetof.virtio_gpu_transfer_to_host_2d.offset"] = GpuLayout.TransferToHost2D.Offset,
        ["layout.offsetof.virtio_gpu_transfer_to_host_2d.resource_id"] = GpuLayout.TransferToHost2D.ResourceId,
        ["layout.offsetof.virtio_gpu_transfer_to_host_2d.padding"] = GpuLayout.TransferToHost2D.Padding,
        ["layout.sizeof.virtio_gpu_resource_attach_backing"] = GpuLayout.ResourceAttachBacking.Size,
        ["layout.offsetof.virtio_gpu_resource_attach_backing.resource_id"] = GpuLayout.ResourceAttachBacking.ResourceId,
        ["layout.offsetof.virtio_gpu_resource_attach_backing.nr_entries"] = GpuLayout.ResourceAttachBacking.NrEntries,
        ["layout.sizeof.virtio_gpu_mem_entry"] = GpuLayout.MemEntry.Size,
        ["layout.offsetof.virtio_gpu_mem_entry.addr"] = GpuLayout.MemEntry.Addr,
        ["layout.offsetof.virtio_gpu_mem_entry.length"] = GpuLayout.MemEntry.Length,
        ["layout.offsetof.virtio_gpu_mem_entry.padding"] = GpuLayout.MemEntry.Padding,
        ["layout.sizeof.virtio_gpu_resp_display_info"] = GpuLayout.RespDisplayInfo.Size,
        ["layout.offsetof.virtio_gpu_resp_display_info.pmodes"] = GpuLayout.RespDisplayInfo.PModes,
        ["layout.sizeof.virtio_gpu_display_one"] = GpuLayout.DisplayOne.Size,
        ["layout.offsetof.virtio_gpu_display_one.r"] = GpuLayout.DisplayOne.Rect,
        ["layout.offsetof.virtio_gpu_display_one.enabled"] = GpuLayout.DisplayOne.Enabled,
        ["layout.offsetof.virtio_gpu_display_one.flags"] = GpuLayout.DisplayOne.Flags,
        ["layout.sizeof.virtio_gpu_config"] = GpuLayout.Config.Size,
        ["layout.offsetof.virtio_gpu_config.events_read"] = GpuLayout.Config.EventsRead,
        ["layout.offsetof.virtio_gpu_config.events_clear"] = GpuLayout.Config.EventsClear,
        ["layout.offsetof.virtio_gpu_config.num_scanouts"] = GpuLayout.Config.NumScanouts,
        ["layout.offsetof.virtio_gpu_config.num_capsets"] = GpuLayout.Config.NumCapsets,
        ["cmd.VIRTIO_GPU_CMD_GET_DISPLAY_INFO"] = GpuLayout.CmdGetDisplayInfo,
        ["cmd.VIRTIO_GPU_CMD_RESOURCE_CREATE_2D"] = GpuLayout.CmdResourceCreate2D,
        ["cmd.VIRTIO_GPU_CMD_SET_SCANOUT"] = GpuLayout.CmdSetScanout,
        ["cmd.VIRTIO_GPU_CMD_RESOURCE_FLUSH"] = GpuLayout.CmdResourceFlush,
        ["cmd.VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D"] = GpuLayout.CmdTransferToHost2D,
        ["cmd.VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING"] = GpuLayout.CmdResourceAttachBacking,
        ["resp.VIRTIO_GPU_RESP_OK_NODATA"] = GpuLayout.RespOkNoData,
        ["resp.VIRTIO_GPU_RESP_OK_DISPLAY_INFO"] = GpuLayout.RespOkDisplayInfo,
        ["resp.VIRTIO_GPU_RESP_ERR_UNSPEC"] = GpuLayout.RespErrUnspec,
        ["resp.VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY"] = GpuLayout.RespErrOutOfMemory,
        ["resp.VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID"] = GpuLayout.RespErrInvalidScanoutId,
        ["resp.VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID"] = GpuLayout.RespErrInvalidResourceId,
        ["resp.VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID"] = GpuLayout.RespErrInvalidContextId,
        ["resp.VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER"] = GpuLayout.RespErrInvalidParameter,
        ["flag.VIRTIO_GPU_FLAG_FENCE"] = GpuLayout.FlagFence,
        ["flag.VIRTIO_GPU_FLAG_INFO_RING_IDX"] = GpuLayout.FlagInfoRingIdx,
        ["format.VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM"] = (ulong)GpuFormat.B8G8R8A8Unorm,
        ["format.VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM"] = (ulong)GpuFormat.B8G8R8X8Unorm,
        ["format.VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM"] = (ulong)GpuFormat.A8R8G8B8Unorm,
        ["format.VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM"] = (ulong)GpuFormat.X8R8G8B8Unorm,
        ["format.VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM"] = (ulong)GpuFormat.R8G8B8A8Unorm,
        ["format.VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM"] = (ulong)GpuFormat.X8B8G8R8Unorm,
        ["format.VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM"] = (ulong)GpuFormat.A8B8G8R8Unorm,
        ["format.VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM"] = (ulong)GpuFormat.R8G8B8X8Unorm,
        ["event.VIRTIO_GPU_EVENT_DISPLAY"] = GpuLayout.EventDisplay,
        ["const.VIRTIO_GPU_MAX_SCANOUTS"] = GpuLayout.MaxScanouts,
    };

    /// <summary>Keys some linux-libc-dev versions lack (ring_idx and INFO_RING_IDX came with context init; older headers have padding le32 @20).</summary>
    private static readonly HashSet<string> NewerThanSomeHeaders =
    [
        "flag.VIRTIO_GPU_FLAG_INFO_RING_IDX", "layout.offsetof.virtio_gpu_ctrl_hdr.ring_idx",
        "layout.offsetof.virtio_gpu_ctrl_hdr.padding",
    ];

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(Load);

    [Fact]
    public void Every_line_linux_prints_has_a_gpu_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: 70);
    }

    [Fact]
    public void Every_gpu_constant_is_compared_unless_newer_than_the_installed_header()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, NewerThanSomeHeaders, "linux_virtio_gpu_golden.c");
    }

    [Fact]
    public void The_control_header_command_and_config_layouts_match_linux()
    {
        var layout = LazyLines.Value.Where(l => l.Key.StartsWith("layout.", StringComparison.Ordinal)).ToList();
        Assert.Equal(46, layout.Count(l => !NewerThanSomeHeaders.Contains(l.Key)));
        Assert.All(layout, l => Assert.Equal(l.Value, Counterparts[l.Key]));
    }

    [Fact]
    public void Every_format_linux_defines_is_a_GpuFormat_with_four_bytes_per_pixel()
    {
        var formats = LazyLines.Value.Where(l => l.Key.StartsWith("format.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enum.GetValues<GpuFormat>().Length, formats.Count);
        Assert.All(formats, l => Assert.Equal(4, GpuFormats.BytesPerPixel((GpuFormat)l.Value)));
    }

    private static IReadOnlyList<(int Number, string Key, ulong Value)> Load() => GoldenLines.Load("linux_virtio_gpu_golden.c");
}
