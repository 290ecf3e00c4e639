using System.Reflection;
using System.Runtime.CompilerServices;
using Sim.Devices.Gpu;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// <see cref="GpuLayout"/> and <see cref="GpuFormat"/> against Linux: <c>linux_virtio_gpu_golden.c</c> (copied next to
/// the test assembly under Golden/), compiled with gcc against /usr/include/linux/virtio_gpu.h and virtio_ids.h, prints
/// every struct's size, every field's offset, the element count of every array and every constant of the header; every
/// line must have a C# counterpart equal to it, every counterpart must be printed unless it is newer than some Linux
/// headers, every constant of <see cref="GpuLayout"/> and <see cref="GpuFormat"/> must be one of the counterparts
/// unless no header defines it, and every name the installed header defines must be among the printed lines.
/// </summary>
public sealed class GpuLayoutGoldenTests
{
    private const string Source = "linux_virtio_gpu_golden.c";

    /// <summary>Linux key, the simulator's value, and the C# expression that gave it.</summary>
    private static readonly (string Key, ulong Value, string Source)[] Table =
    [
        Of("id.VIRTIO_ID_GPU", GpuLayout.DeviceId),
        Of("feature.VIRTIO_GPU_F_VIRGL", GpuLayout.FeatureVirgl),
        Of("feature.VIRTIO_GPU_F_EDID", GpuLayout.FeatureEdid),
        Of("feature.VIRTIO_GPU_F_RESOURCE_UUID", GpuLayout.FeatureResourceUuid),
        Of("feature.VIRTIO_GPU_F_RESOURCE_BLOB", GpuLayout.FeatureResourceBlob),
        Of("feature.VIRTIO_GPU_F_CONTEXT_INIT", GpuLayout.FeatureContextInit),
        Of("type.VIRTIO_GPU_UNDEFINED", GpuLayout.Undefined),
        Of("cmd.VIRTIO_GPU_CMD_GET_DISPLAY_INFO", GpuLayout.CmdGetDisplayInfo),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_CREATE_2D", GpuLayout.CmdResourceCreate2D),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_UNREF", GpuLayout.CmdResourceUnref),
        Of("cmd.VIRTIO_GPU_CMD_SET_SCANOUT", GpuLayout.CmdSetScanout),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_FLUSH", GpuLayout.CmdResourceFlush),
        Of("cmd.VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D", GpuLayout.CmdTransferToHost2D),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING", GpuLayout.CmdResourceAttachBacking),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING", GpuLayout.CmdResourceDetachBacking),
        Of("cmd.VIRTIO_GPU_CMD_GET_CAPSET_INFO", GpuLayout.CmdGetCapsetInfo),
        Of("cmd.VIRTIO_GPU_CMD_GET_CAPSET", GpuLayout.CmdGetCapset),
        Of("cmd.VIRTIO_GPU_CMD_GET_EDID", GpuLayout.CmdGetEdid),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_ASSIGN_UUID", GpuLayout.CmdResourceAssignUuid),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_CREATE_BLOB", GpuLayout.CmdResourceCreateBlob),
        Of("cmd.VIRTIO_GPU_CMD_SET_SCANOUT_BLOB", GpuLayout.CmdSetScanoutBlob),
        Of("cmd.VIRTIO_GPU_CMD_CTX_CREATE", GpuLayout.CmdCtxCreate),
        Of("cmd.VIRTIO_GPU_CMD_CTX_DESTROY", GpuLayout.CmdCtxDestroy),
        Of("cmd.VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE", GpuLayout.CmdCtxAttachResource),
        Of("cmd.VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE", GpuLayout.CmdCtxDetachResource),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_CREATE_3D", GpuLayout.CmdResourceCreate3D),
        Of("cmd.VIRTIO_GPU_CMD_TRANSFER_TO_HOST_3D", GpuLayout.CmdTransferToHost3D),
        Of("cmd.VIRTIO_GPU_CMD_TRANSFER_FROM_HOST_3D", GpuLayout.CmdTransferFromHost3D),
        Of("cmd.VIRTIO_GPU_CMD_SUBMIT_3D", GpuLayout.CmdSubmit3D),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_MAP_BLOB", GpuLayout.CmdResourceMapBlob),
        Of("cmd.VIRTIO_GPU_CMD_RESOURCE_UNMAP_BLOB", GpuLayout.CmdResourceUnmapBlob),
        Of("cmd.VIRTIO_GPU_CMD_UPDATE_CURSOR", GpuLayout.CmdUpdateCursor),
        Of("cmd.VIRTIO_GPU_CMD_MOVE_CURSOR", GpuLayout.CmdMoveCursor),
        Of("resp.VIRTIO_GPU_RESP_OK_NODATA", GpuLayout.RespOkNoData),
        Of("resp.VIRTIO_GPU_RESP_OK_DISPLAY_INFO", GpuLayout.RespOkDisplayInfo),
        Of("resp.VIRTIO_GPU_RESP_OK_CAPSET_INFO", GpuLayout.RespOkCapsetInfo),
        Of("resp.VIRTIO_GPU_RESP_OK_CAPSET", GpuLayout.RespOkCapset),
        Of("resp.VIRTIO_GPU_RESP_OK_EDID", GpuLayout.RespOkEdid),
        Of("resp.VIRTIO_GPU_RESP_OK_RESOURCE_UUID", GpuLayout.RespOkResourceUuid),
        Of("resp.VIRTIO_GPU_RESP_OK_MAP_INFO", GpuLayout.RespOkMapInfo),
        Of("resp.VIRTIO_GPU_RESP_ERR_UNSPEC", GpuLayout.RespErrUnspec),
        Of("resp.VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY", GpuLayout.RespErrOutOfMemory),
        Of("resp.VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID", GpuLayout.RespErrInvalidScanoutId),
        Of("resp.VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID", GpuLayout.RespErrInvalidResourceId),
        Of("resp.VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID", GpuLayout.RespErrInvalidContextId),
        Of("resp.VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER", GpuLayout.RespErrInvalidParameter),
        Of("shm_id.VIRTIO_GPU_SHM_ID_UNDEFINED", GpuLayout.ShmIdUndefined),
        Of("shm_id.VIRTIO_GPU_SHM_ID_HOST_VISIBLE", GpuLayout.ShmIdHostVisible),
        Of("flag.VIRTIO_GPU_FLAG_FENCE", GpuLayout.FlagFence),
        Of("flag.VIRTIO_GPU_FLAG_INFO_RING_IDX", GpuLayout.FlagInfoRingIdx),
        Of("layout.sizeof.virtio_gpu_ctrl_hdr", GpuLayout.HeaderSize),
        Of("layout.offsetof.virtio_gpu_ctrl_hdr.type", GpuLayout.HeaderTypeOffset),
        Of("layout.offsetof.virtio_gpu_ctrl_hdr.flags", GpuLayout.HeaderFlagsOffset),
        Of("layout.offsetof.virtio_gpu_ctrl_hdr.fence_id", GpuLayout.HeaderFenceIdOffset),
        Of("layout.offsetof.virtio_gpu_ctrl_hdr.ctx_id", GpuLayout.HeaderCtxIdOffset),
        Of("layout.offsetof.virtio_gpu_ctrl_hdr.ring_idx", GpuLayout.HeaderRingIdxOffset),
        Of("layout.offsetof.virtio_gpu_ctrl_hdr.padding", GpuLayout.HeaderPaddingOffset),
        Of("layout.sizeof.virtio_gpu_cursor_pos", GpuLayout.CursorPos.Size),
        Of("layout.offsetof.virtio_gpu_cursor_pos.scanout_id", GpuLayout.CursorPos.ScanoutId),
        Of("layout.offsetof.virtio_gpu_cursor_pos.x", GpuLayout.CursorPos.X),
        Of("layout.offsetof.virtio_gpu_cursor_pos.y", GpuLayout.CursorPos.Y),
        Of("layout.offsetof.virtio_gpu_cursor_pos.padding", GpuLayout.CursorPos.Padding),
        Of("layout.sizeof.virtio_gpu_update_cursor", GpuLayout.UpdateCursor.Size),
        Of("layout.offsetof.virtio_gpu_update_cursor.hdr", GpuLayout.UpdateCursor.Hdr),
        Of("layout.offsetof.virtio_gpu_update_cursor.pos", GpuLayout.UpdateCursor.Pos),
        Of("layout.offsetof.virtio_gpu_update_cursor.resource_id", GpuLayout.UpdateCursor.ResourceId),
        Of("layout.offsetof.virtio_gpu_update_cursor.hot_x", GpuLayout.UpdateCursor.HotX),
        Of("layout.offsetof.virtio_gpu_update_cursor.hot_y", GpuLayout.UpdateCursor.HotY),
        Of("layout.offsetof.virtio_gpu_update_cursor.padding", GpuLayout.UpdateCursor.Padding),
        Of("layout.sizeof.virtio_gpu_rect", GpuLayout.Rect.Size),
        Of("layout.offsetof.virtio_gpu_rect.x", GpuLayout.Rect.X),
        Of("layout.offsetof.virtio_gpu_rect.y", GpuLayout.Rect.Y),
        Of("layout.offsetof.virtio_gpu_rect.width", GpuLayout.Rect.Width),
        Of("layout.offsetof.virtio_gpu_rect.height", GpuLayout.Rect.Height),
        Of("layout.sizeof.virtio_gpu_resource_unref", GpuLayout.ResourceUnref.Size),
        Of("layout.offsetof.virtio_gpu_resource_unref.hdr", GpuLayout.ResourceUnref.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_unref.resource_id", GpuLayout.ResourceUnref.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_unref.padding", GpuLayout.ResourceUnref.Padding),
        Of("layout.sizeof.virtio_gpu_resource_create_2d", GpuLayout.ResourceCreate2D.Size),
        Of("layout.offsetof.virtio_gpu_resource_create_2d.hdr", GpuLayout.ResourceCreate2D.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_create_2d.resource_id", GpuLayout.ResourceCreate2D.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_create_2d.format", GpuLayout.ResourceCreate2D.Format),
        Of("layout.offsetof.virtio_gpu_resource_create_2d.width", GpuLayout.ResourceCreate2D.Width),
        Of("layout.offsetof.virtio_gpu_resource_create_2d.height", GpuLayout.ResourceCreate2D.Height),
        Of("layout.sizeof.virtio_gpu_set_scanout", GpuLayout.SetScanout.Size),
        Of("layout.offsetof.virtio_gpu_set_scanout.hdr", GpuLayout.SetScanout.Hdr),
        Of("layout.offsetof.virtio_gpu_set_scanout.r", GpuLayout.SetScanout.Rect),
        Of("layout.offsetof.virtio_gpu_set_scanout.scanout_id", GpuLayout.SetScanout.ScanoutId),
        Of("layout.offsetof.virtio_gpu_set_scanout.resource_id", GpuLayout.SetScanout.ResourceId),
        Of("layout.sizeof.virtio_gpu_resource_flush", GpuLayout.ResourceFlush.Size),
        Of("layout.offsetof.virtio_gpu_resource_flush.hdr", GpuLayout.ResourceFlush.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_flush.r", GpuLayout.ResourceFlush.Rect),
        Of("layout.offsetof.virtio_gpu_resource_flush.resource_id", GpuLayout.ResourceFlush.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_flush.padding", GpuLayout.ResourceFlush.Padding),
        Of("layout.sizeof.virtio_gpu_transfer_to_host_2d", GpuLayout.TransferToHost2D.Size),
        Of("layout.offsetof.virtio_gpu_transfer_to_host_2d.hdr", GpuLayout.TransferToHost2D.Hdr),
        Of("layout.offsetof.virtio_gpu_transfer_to_host_2d.r", GpuLayout.TransferToHost2D.Rect),
        Of("layout.offsetof.virtio_gpu_transfer_to_host_2d.offset", GpuLayout.TransferToHost2D.Offset),
        Of("layout.offsetof.virtio_gpu_transfer_to_host_2d.resource_id", GpuLayout.TransferToHost2D.ResourceId),
        Of("layout.offsetof.virtio_gpu_transfer_to_host_2d.padding", GpuLayout.TransferToHost2D.Padding),
        Of("layout.sizeof.virtio_gpu_mem_entry", GpuLayout.MemEntry.Size),
        Of("layout.offsetof.virtio_gpu_mem_entry.addr", GpuLayout.MemEntry.Addr),
        Of("layout.offsetof.virtio_gpu_mem_entry.length", GpuLayout.MemEntry.Length),
        Of("layout.offsetof.virtio_gpu_mem_entry.padding", GpuLayout.MemEntry.Padding),
        Of("layout.sizeof.virtio_gpu_resource_attach_backing", GpuLayout.ResourceAttachBacking.Size),
        Of("layout.offsetof.virtio_gpu_resource_attach_backing.hdr", GpuLayout.ResourceAttachBacking.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_attach_backing.resource_id", GpuLayout.ResourceAttachBacking.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_attach_backing.nr_entries", GpuLayout.ResourceAttachBacking.NrEntries),
        Of("layout.sizeof.virtio_gpu_resource_detach_backing", GpuLayout.ResourceDetachBacking.Size),
        Of("layout.offsetof.virtio_gpu_resource_detach_backing.hdr", GpuLayout.ResourceDetachBacking.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_detach_backing.resource_id", GpuLayout.ResourceDetachBacking.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_detach_backing.padding", GpuLayout.ResourceDetachBacking.Padding),
        Of("const.VIRTIO_GPU_MAX_SCANOUTS", GpuLayout.MaxScanouts),
        Of("layout.sizeof.virtio_gpu_resp_display_info", GpuLayout.RespDisplayInfo.Size),
        Of("layout.offsetof.virtio_gpu_resp_display_info.hdr", GpuLayout.RespDisplayInfo.Hdr),
        Of("layout.offsetof.virtio_gpu_resp_display_info.pmodes", GpuLayout.RespDisplayInfo.PModes),
        Of("layout.countof.virtio_gpu_resp_display_info.pmodes", GpuLayout.RespDisplayInfo.PModesLength),
        Of("layout.sizeof.virtio_gpu_display_one", GpuLayout.DisplayOne.Size),
        Of("layout.offsetof.virtio_gpu_display_one.r", GpuLayout.DisplayOne.Rect),
        Of("layout.offsetof.virtio_gpu_display_one.enabled", GpuLayout.DisplayOne.Enabled),
        Of("layout.offsetof.virtio_gpu_display_one.flags", GpuLayout.DisplayOne.Flags),
        Of("layout.sizeof.virtio_gpu_box", GpuLayout.Box.Size),
        Of("layout.offsetof.virtio_gpu_box.x", GpuLayout.Box.X),
        Of("layout.offsetof.virtio_gpu_box.y", GpuLayout.Box.Y),
        Of("layout.offsetof.virtio_gpu_box.z", GpuLayout.Box.Z),
        Of("layout.offsetof.virtio_gpu_box.w", GpuLayout.Box.W),
        Of("layout.offsetof.virtio_gpu_box.h", GpuLayout.Box.H),
        Of("layout.offsetof.virtio_gpu_box.d", GpuLayout.Box.D),
        Of("layout.sizeof.virtio_gpu_transfer_host_3d", GpuLayout.TransferHost3D.Size),
        Of("layout.offsetof.virtio_gpu_transfer_host_3d.hdr", GpuLayout.TransferHost3D.Hdr),
        Of("layout.offsetof.virtio_gpu_transfer_host_3d.box", GpuLayout.TransferHost3D.Box),
        Of("layout.offsetof.virtio_gpu_transfer_host_3d.offset", GpuLayout.TransferHost3D.Offset),
        Of("layout.offsetof.virtio_gpu_transfer_host_3d.resource_id", GpuLayout.TransferHost3D.ResourceId),
        Of("layout.offsetof.virtio_gpu_transfer_host_3d.level", GpuLayout.TransferHost3D.Level),
        Of("layout.offsetof.virtio_gpu_transfer_host_3d.stride", GpuLayout.TransferHost3D.Stride),
        Of("layout.offsetof.virtio_gpu_transfer_host_3d.layer_stride", GpuLayout.TransferHost3D.LayerStride),
        Of("resource_flag.VIRTIO_GPU_RESOURCE_FLAG_Y_0_TOP", GpuLayout.ResourceFlagY0Top),
        Of("layout.sizeof.virtio_gpu_resource_create_3d", GpuLayout.ResourceCreate3D.Size),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.hdr", GpuLayout.ResourceCreate3D.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.resource_id", GpuLayout.ResourceCreate3D.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.target", GpuLayout.ResourceCreate3D.Target),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.format", GpuLayout.ResourceCreate3D.Format),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.bind", GpuLayout.ResourceCreate3D.Bind),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.width", GpuLayout.ResourceCreate3D.Width),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.height", GpuLayout.ResourceCreate3D.Height),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.depth", GpuLayout.ResourceCreate3D.Depth),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.array_size", GpuLayout.ResourceCreate3D.ArraySize),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.last_level", GpuLayout.ResourceCreate3D.LastLevel),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.nr_samples", GpuLayout.ResourceCreate3D.NrSamples),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.flags", GpuLayout.ResourceCreate3D.Flags),
        Of("layout.offsetof.virtio_gpu_resource_create_3d.padding", GpuLayout.ResourceCreate3D.Padding),
        Of("context_init.VIRTIO_GPU_CONTEXT_INIT_CAPSET_ID_MASK", GpuLayout.ContextInitCapsetIdMask),
        Of("layout.sizeof.virtio_gpu_ctx_create", GpuLayout.CtxCreate.Size),
        Of("layout.offsetof.virtio_gpu_ctx_create.hdr", GpuLayout.CtxCreate.Hdr),
        Of("layout.offsetof.virtio_gpu_ctx_create.nlen", GpuLayout.CtxCreate.NLen),
        Of("layout.offsetof.virtio_gpu_ctx_create.context_init", GpuLayout.CtxCreate.ContextInit),
        Of("layout.offsetof.virtio_gpu_ctx_create.debug_name", GpuLayout.CtxCreate.DebugName),
        Of("layout.countof.virtio_gpu_ctx_create.debug_name", GpuLayout.CtxCreate.DebugNameLength),
        Of("layout.sizeof.virtio_gpu_ctx_destroy", GpuLayout.CtxDestroy.Size),
        Of("layout.offsetof.virtio_gpu_ctx_destroy.hdr", GpuLayout.CtxDestroy.Hdr),
        Of("layout.sizeof.virtio_gpu_ctx_resource", GpuLayout.CtxResource.Size),
        Of("layout.offsetof.virtio_gpu_ctx_resource.hdr", GpuLayout.CtxResource.Hdr),
        Of("layout.offsetof.virtio_gpu_ctx_resource.resource_id", GpuLayout.CtxResource.ResourceId),
        Of("layout.offsetof.virtio_gpu_ctx_resource.padding", GpuLayout.CtxResource.Padding),
        Of("layout.sizeof.virtio_gpu_cmd_submit", GpuLayout.CmdSubmit.Size),
        Of("layout.offsetof.virtio_gpu_cmd_submit.hdr", GpuLayout.CmdSubmit.Hdr),
        Of("layout.offsetof.virtio_gpu_cmd_submit.size", GpuLayout.CmdSubmit.BufferSize),
        Of("layout.offsetof.virtio_gpu_cmd_submit.padding", GpuLayout.CmdSubmit.Padding),
        Of("capset.VIRTIO_GPU_CAPSET_VIRGL", GpuLayout.CapsetVirgl),
        Of("capset.VIRTIO_GPU_CAPSET_VIRGL2", GpuLayout.CapsetVirgl2),
        Of("layout.sizeof.virtio_gpu_get_capset_info", GpuLayout.GetCapsetInfo.Size),
        Of("layout.offsetof.virtio_gpu_get_capset_info.hdr", GpuLayout.GetCapsetInfo.Hdr),
        Of("layout.offsetof.virtio_gpu_get_capset_info.capset_index", GpuLayout.GetCapsetInfo.CapsetIndex),
        Of("layout.offsetof.virtio_gpu_get_capset_info.padding", GpuLayout.GetCapsetInfo.Padding),
        Of("layout.sizeof.virtio_gpu_resp_capset_info", GpuLayout.RespCapsetInfo.Size),
        Of("layout.offsetof.virtio_gpu_resp_capset_info.hdr", GpuLayout.RespCapsetInfo.Hdr),
        Of("layout.offsetof.virtio_gpu_resp_capset_info.capset_id", GpuLayout.RespCapsetInfo.CapsetId),
        Of("layout.offsetof.virtio_gpu_resp_capset_info.capset_max_version", GpuLayout.RespCapsetInfo.CapsetMaxVersion),
        Of("layout.offsetof.virtio_gpu_resp_capset_info.capset_max_size", GpuLayout.RespCapsetInfo.CapsetMaxSize),
        Of("layout.offsetof.virtio_gpu_resp_capset_info.padding", GpuLayout.RespCapsetInfo.Padding),
        Of("layout.sizeof.virtio_gpu_get_capset", GpuLayout.GetCapset.Size),
        Of("layout.offsetof.virtio_gpu_get_capset.hdr", GpuLayout.GetCapset.Hdr),
        Of("layout.offsetof.virtio_gpu_get_capset.capset_id", GpuLayout.GetCapset.CapsetId),
        Of("layout.offsetof.virtio_gpu_get_capset.capset_version", GpuLayout.GetCapset.CapsetVersion),
        Of("layout.sizeof.virtio_gpu_resp_capset", GpuLayout.RespCapset.Size),
        Of("layout.offsetof.virtio_gpu_resp_capset.hdr", GpuLayout.RespCapset.Hdr),
        Of("layout.offsetof.virtio_gpu_resp_capset.capset_data", GpuLayout.RespCapset.CapsetData),
        Of("layout.sizeof.virtio_gpu_cmd_get_edid", GpuLayout.GetEdid.Size),
        Of("layout.offsetof.virtio_gpu_cmd_get_edid.hdr", GpuLayout.GetEdid.Hdr),
        Of("layout.offsetof.virtio_gpu_cmd_get_edid.scanout", GpuLayout.GetEdid.Scanout),
        Of("layout.offsetof.virtio_gpu_cmd_get_edid.padding", GpuLayout.GetEdid.Padding),
        Of("layout.sizeof.virtio_gpu_resp_edid", GpuLayout.RespEdid.Size),
        Of("layout.offsetof.virtio_gpu_resp_edid.hdr", GpuLayout.RespEdid.Hdr),
        Of("layout.offsetof.virtio_gpu_resp_edid.size", GpuLayout.RespEdid.EdidSize),
        Of("layout.offsetof.virtio_gpu_resp_edid.padding", GpuLayout.RespEdid.Padding),
        Of("layout.offsetof.virtio_gpu_resp_edid.edid", GpuLayout.RespEdid.Edid),
        Of("layout.countof.virtio_gpu_resp_edid.edid", GpuLayout.RespEdid.EdidLength),
        Of("event.VIRTIO_GPU_EVENT_DISPLAY", GpuLayout.EventDisplay),
        Of("layout.sizeof.virtio_gpu_config", GpuLayout.Config.Size),
        Of("layout.offsetof.virtio_gpu_config.events_read", GpuLayout.Config.EventsRead),
        Of("layout.offsetof.virtio_gpu_config.events_clear", GpuLayout.Config.EventsClear),
        Of("layout.offsetof.virtio_gpu_config.num_scanouts", GpuLayout.Config.NumScanouts),
        Of("layout.offsetof.virtio_gpu_config.num_capsets", GpuLayout.Config.NumCapsets),
        Of("format.VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM", (ulong)GpuFormat.B8G8R8A8Unorm),
        Of("format.VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM", (ulong)GpuFormat.B8G8R8X8Unorm),
        Of("format.VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM", (ulong)GpuFormat.A8R8G8B8Unorm),
        Of("format.VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM", (ulong)GpuFormat.X8R8G8B8Unorm),
        Of("format.VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM", (ulong)GpuFormat.R8G8B8A8Unorm),
        Of("format.VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM", (ulong)GpuFormat.X8B8G8R8Unorm),
        Of("format.VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM", (ulong)GpuFormat.A8B8G8R8Unorm),
        Of("format.VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM", (ulong)GpuFormat.R8G8B8X8Unorm),
        Of("layout.sizeof.virtio_gpu_resource_assign_uuid", GpuLayout.ResourceAssignUuid.Size),
        Of("layout.offsetof.virtio_gpu_resource_assign_uuid.hdr", GpuLayout.ResourceAssignUuid.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_assign_uuid.resource_id", GpuLayout.ResourceAssignUuid.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_assign_uuid.padding", GpuLayout.ResourceAssignUuid.Padding),
        Of("layout.sizeof.virtio_gpu_resp_resource_uuid", GpuLayout.RespResourceUuid.Size),
        Of("layout.offsetof.virtio_gpu_resp_resource_uuid.hdr", GpuLayout.RespResourceUuid.Hdr),
        Of("layout.offsetof.virtio_gpu_resp_resource_uuid.uuid", GpuLayout.RespResourceUuid.Uuid),
        Of("layout.countof.virtio_gpu_resp_resource_uuid.uuid", GpuLayout.RespResourceUuid.UuidLength),
        Of("blob_mem.VIRTIO_GPU_BLOB_MEM_GUEST", GpuLayout.BlobMemGuest),
        Of("blob_mem.VIRTIO_GPU_BLOB_MEM_HOST3D", GpuLayout.BlobMemHost3D),
        Of("blob_mem.VIRTIO_GPU_BLOB_MEM_HOST3D_GUEST", GpuLayout.BlobMemHost3DGuest),
        Of("blob_flag.VIRTIO_GPU_BLOB_FLAG_USE_MAPPABLE", GpuLayout.BlobFlagUseMappable),
        Of("blob_flag.VIRTIO_GPU_BLOB_FLAG_USE_SHAREABLE", GpuLayout.BlobFlagUseShareable),
        Of("blob_flag.VIRTIO_GPU_BLOB_FLAG_USE_CROSS_DEVICE", GpuLayout.BlobFlagUseCrossDevice),
        Of("layout.sizeof.virtio_gpu_resource_create_blob", GpuLayout.ResourceCreateBlob.Size),
        Of("layout.offsetof.virtio_gpu_resource_create_blob.hdr", GpuLayout.ResourceCreateBlob.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_create_blob.resource_id", GpuLayout.ResourceCreateBlob.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_create_blob.blob_mem", GpuLayout.ResourceCreateBlob.BlobMem),
        Of("layout.offsetof.virtio_gpu_resource_create_blob.blob_flags", GpuLayout.ResourceCreateBlob.BlobFlags),
        Of("layout.offsetof.virtio_gpu_resource_create_blob.nr_entries", GpuLayout.ResourceCreateBlob.NrEntries),
        Of("layout.offsetof.virtio_gpu_resource_create_blob.blob_id", GpuLayout.ResourceCreateBlob.BlobId),
        Of("layout.offsetof.virtio_gpu_resource_create_blob.size", GpuLayout.ResourceCreateBlob.BlobSize),
        Of("layout.sizeof.virtio_gpu_set_scanout_blob", GpuLayout.SetScanoutBlob.Size),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.hdr", GpuLayout.SetScanoutBlob.Hdr),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.r", GpuLayout.SetScanoutBlob.Rect),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.scanout_id", GpuLayout.SetScanoutBlob.ScanoutId),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.resource_id", GpuLayout.SetScanoutBlob.ResourceId),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.width", GpuLayout.SetScanoutBlob.Width),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.height", GpuLayout.SetScanoutBlob.Height),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.format", GpuLayout.SetScanoutBlob.Format),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.padding", GpuLayout.SetScanoutBlob.Padding),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.strides", GpuLayout.SetScanoutBlob.Strides),
        Of("layout.countof.virtio_gpu_set_scanout_blob.strides", GpuLayout.SetScanoutBlob.Planes),
        Of("layout.offsetof.virtio_gpu_set_scanout_blob.offsets", GpuLayout.SetScanoutBlob.Offsets),
        Of("layout.countof.virtio_gpu_set_scanout_blob.offsets", GpuLayout.SetScanoutBlob.Planes),
        Of("layout.sizeof.virtio_gpu_resource_map_blob", GpuLayout.ResourceMapBlob.Size),
        Of("layout.offsetof.virtio_gpu_resource_map_blob.hdr", GpuLayout.ResourceMapBlob.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_map_blob.resource_id", GpuLayout.ResourceMapBlob.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_map_blob.padding", GpuLayout.ResourceMapBlob.Padding),
        Of("layout.offsetof.virtio_gpu_resource_map_blob.offset", GpuLayout.ResourceMapBlob.Offset),
        Of("map_cache.VIRTIO_GPU_MAP_CACHE_MASK", GpuLayout.MapCacheMask),
        Of("map_cache.VIRTIO_GPU_MAP_CACHE_NONE", GpuLayout.MapCacheNone),
        Of("map_cache.VIRTIO_GPU_MAP_CACHE_CACHED", GpuLayout.MapCacheCached),
        Of("map_cache.VIRTIO_GPU_MAP_CACHE_UNCACHED", GpuLayout.MapCacheUncached),
        Of("map_cache.VIRTIO_GPU_MAP_CACHE_WC", GpuLayout.MapCacheWc),
        Of("layout.sizeof.virtio_gpu_resp_map_info", GpuLayout.RespMapInfo.Size),
        Of("layout.offsetof.virtio_gpu_resp_map_info.hdr", GpuLayout.RespMapInfo.Hdr),
        Of("layout.offsetof.virtio_gpu_resp_map_info.map_info", GpuLayout.RespMapInfo.MapInfo),
        Of("layout.offsetof.virtio_gpu_resp_map_info.padding", GpuLayout.RespMapInfo.Padding),
        Of("layout.sizeof.virtio_gpu_resource_unmap_blob", GpuLayout.ResourceUnmapBlob.Size),
        Of("layout.offsetof.virtio_gpu_resource_unmap_blob.hdr", GpuLayout.ResourceUnmapBlob.Hdr),
        Of("layout.offsetof.virtio_gpu_resource_unmap_blob.resource_id", GpuLayout.ResourceUnmapBlob.ResourceId),
        Of("layout.offsetof.virtio_gpu_resource_unmap_blob.padding", GpuLayout.ResourceUnmapBlob.Padding),
        Of("capset.VIRTIO_GPU_CAPSET_GFXSTREAM_VULKAN", GpuLayout.CapsetGfxstreamVulkan),
        Of("capset.VIRTIO_GPU_CAPSET_VENUS", GpuLayout.CapsetVenus),
        Of("capset.VIRTIO_GPU_CAPSET_CROSS_DOMAIN", GpuLayout.CapsetCrossDomain),
        Of("capset.VIRTIO_GPU_CAPSET_DRM", GpuLayout.CapsetDrm),
    ];

    /// <summary>Linux key → the simulator's value.</summary>
    private static readonly Dictionary<string, ulong> Counterparts = Table.ToDictionary(t => t.Key, t => t.Value);

    /// <summary>
    /// Keys some linux-libc-dev versions lack: ring_idx and INFO_RING_IDX came with context init (older headers have
    /// padding le32 @20); capset ids 3 to 6 are in newer headers than Debian 12's Linux 6.1.
    /// </summary>
    private static readonly HashSet<string> NewerThanSomeHeaders =
    [
        "flag.VIRTIO_GPU_FLAG_INFO_RING_IDX", "layout.offsetof.virtio_gpu_ctrl_hdr.ring_idx",
        "layout.offsetof.virtio_gpu_ctrl_hdr.padding", "capset.VIRTIO_GPU_CAPSET_GFXSTREAM_VULKAN",
        "capset.VIRTIO_GPU_CAPSET_VENUS", "capset.VIRTIO_GPU_CAPSET_CROSS_DOMAIN", "capset.VIRTIO_GPU_CAPSET_DRM",
    ];

    /// <summary>Constants of <see cref="GpuLayout"/> no Linux header defines: the queue indexes of virtio 1.2, 5.7.2.</summary>
    private static readonly HashSet<string> NotInAnyHeader = ["GpuLayout.ControlQueue", "GpuLayout.CursorQueue"];

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(() => GoldenLines.Load(Source));

    [Fact]
    public void Every_line_linux_prints_has_a_gpu_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: Counterparts.Count - NewerThanSomeHeaders.Count);
    }

    [Fact]
    public void Every_gpu_constant_is_compared_unless_newer_than_the_installed_header()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, NewerThanSomeHeaders, Source);
    }

    [Fact]
    public void Every_constant_of_GpuLayout_and_GpuFormat_is_compared_with_a_linux_name()
    {
        var sources = Table.Select(t => t.Source).ToHashSet(StringComparer.Ordinal);
        var constants = ConstantsOf(typeof(GpuLayout), "GpuLayout")
            .Concat(Enum.GetNames<GpuFormat>().Select(n => $"GpuFormat.{n}"))
            .ToList();
        var unmapped = constants.Where(c => !sources.Contains(c) && !NotInAnyHeader.Contains(c)).ToList();
        Assert.True(unmapped.Count == 0, $"constants with no Linux counterpart in the table: {string.Join(", ", unmapped)}");
        Assert.All(NotInAnyHeader, c => Assert.Contains(c, constants));
        Assert.True(constants.Count >= 250, $"only {constants.Count} constants");
    }

    [Fact]
    public void Every_struct_field_and_constant_of_the_installed_header_is_printed()
    {
        var header = UapiHeaderNames.Read("virtio_gpu.h", "VIRTIO_GPU_");
        var keys = LazyLines.Value.Select(l => l.Key).ToList();
        var missing = header.NotPrintedBy(keys);
        Assert.True(missing.Count == 0, $"virtio_gpu.h defines what {Source} does not print: {string.Join(", ", missing)}");
        Assert.True(header.Structs.Count >= 35 && header.Constants.Count >= 70, $"{header.Structs.Count} structs, {header.Constants.Count} constants");
        Assert.Contains("layout.sizeof.virtio_gpu_display_one", keys);
    }

    [Fact]
    public void Every_struct_layout_matches_linux()
    {
        var layout = LazyLines.Value.Where(l => l.Key.StartsWith("layout.", StringComparison.Ordinal)).ToList();
        Assert.Equal(187, layout.Count(l => !NewerThanSomeHeaders.Contains(l.Key)));
        Assert.Equal(35, layout.Count(l => l.Key.StartsWith("layout.sizeof.", StringComparison.Ordinal)));
        Assert.All(layout, l => Assert.Equal(l.Value, Counterparts[l.Key]));
    }

    [Fact]
    public void Every_format_linux_defines_is_a_GpuFormat_with_four_bytes_per_pixel()
    {
        var formats = LazyLines.Value.Where(l => l.Key.StartsWith("format.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enum.GetValues<GpuFormat>().Length, formats.Count);
        Assert.All(formats, l => Assert.Equal(4, GpuFormats.BytesPerPixel((GpuFormat)l.Value)));
    }

    /// <summary>The public constants of <paramref name="type"/> and of its nested classes, as "GpuLayout.Nested.Name".</summary>
    private static IEnumerable<string> ConstantsOf(Type type, string prefix) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => $"{prefix}.{f.Name}")
            .Concat(type.GetNestedTypes(BindingFlags.Public).SelectMany(n => ConstantsOf(n, $"{prefix}.{n.Name}")));

    private static (string Key, ulong Value, string Source) Of(string key, ulong value, [CallerArgumentExpression(nameof(value))] string source = "") =>
        (key, value, source.StartsWith("(ulong)", StringComparison.Ordinal) ? source["(ulong)".Length..] : source);
}
