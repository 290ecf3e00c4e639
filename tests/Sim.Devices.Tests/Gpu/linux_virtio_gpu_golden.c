/*
 * Golden values from the Linux UAPI virtio-gpu header (/usr/include/linux/virtio_gpu.h, and virtio_ids.h for the
 * device id), printed as "key=value" lines (decimal) for GpuLayoutGoldenTests to compare with
 * Sim.Devices.Gpu.GpuLayout and GpuFormat.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   every struct of the header and every field (the six fields
 *                                                          of virtio_gpu_box, declared two to a line, included); the
 *                                                          struct virtio_gpu_display_one declared inside
 *                                                          virtio_gpu_resp_display_info is printed on its own
 *   layout.countof.STRUCT.FIELD                           element count of every array field but padding
 *   FAMILY.NAME                                           every #define and enum constant, FAMILY one of: id, feature,
 *                                                          type, cmd, resp, shm_id, flag, resource_flag, context_init,
 *                                                          capset, event, format, blob_mem, blob_flag, map_cache, const
 *
 * Names some linux-libc-dev versions lack are printed only when defined (#ifdef), and the test knows them.
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_gpu_golden linux_virtio_gpu_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_gpu.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT_COUNTOF(s, f) \
	printf("layout.countof.%s.%s=%zu\n", #s, #f, sizeof(((struct s *)0)->f) / sizeof(((struct s *)0)->f[0]))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT("id", VIRTIO_ID_GPU);

	PRINT("feature", VIRTIO_GPU_F_VIRGL);
	PRINT("feature", VIRTIO_GPU_F_EDID);
	PRINT("feature", VIRTIO_GPU_F_RESOURCE_UUID);
	PRINT("feature", VIRTIO_GPU_F_RESOURCE_BLOB);
	PRINT("feature", VIRTIO_GPU_F_CONTEXT_INIT);

	PRINT("type", VIRTIO_GPU_UNDEFINED);

	PRINT("cmd", VIRTIO_GPU_CMD_GET_DISPLAY_INFO);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_CREATE_2D);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_UNREF);
	PRINT("cmd", VIRTIO_GPU_CMD_SET_SCANOUT);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_FLUSH);
	PRINT("cmd", VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING);
	PRINT("cmd", VIRTIO_GPU_CMD_GET_CAPSET_INFO);
	PRINT("cmd", VIRTIO_GPU_CMD_GET_CAPSET);
	PRINT("cmd", VIRTIO_GPU_CMD_GET_EDID);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_ASSIGN_UUID);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_CREATE_BLOB);
	PRINT("cmd", VIRTIO_GPU_CMD_SET_SCANOUT_BLOB);
	PRINT("cmd", VIRTIO_GPU_CMD_CTX_CREATE);
	PRINT("cmd", VIRTIO_GPU_CMD_CTX_DESTROY);
	PRINT("cmd", VIRTIO_GPU_CMD_CTX_ATTACH_RESOURCE);
	PRINT("cmd", VIRTIO_GPU_CMD_CTX_DETACH_RESOURCE);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_CREATE_3D);
	PRINT("cmd", VIRTIO_GPU_CMD_TRANSFER_TO_HOST_3D);
	PRINT("cmd", VIRTIO_GPU_CMD_TRANSFER_FROM_HOST_3D);
	PRINT("cmd", VIRTIO_GPU_CMD_SUBMIT_3D);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_MAP_BLOB);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_UNMAP_BLOB);
	PRINT("cmd", VIRTIO_GPU_CMD_UPDATE_CURSOR);
	PRINT("cmd", VIRTIO_GPU_CMD_MOVE_CURSOR);

	PRINT("resp", VIRTIO_GPU_RESP_OK_NODATA);
	PRINT("resp", VIRTIO_GPU_RESP_OK_DISPLAY_INFO);
	PRINT("resp", VIRTIO_GPU_RESP_OK_CAPSET_INFO);
	PRINT("resp", VIRTIO_GPU_RESP_OK_CAPSET);
	PRINT("resp", VIRTIO_GPU_RESP_OK_EDID);
	PRINT("resp", VIRTIO_GPU_RESP_OK_RESOURCE_UUID);
	PRINT("resp", VIRTIO_GPU_RESP_OK_MAP_INFO);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_UNSPEC);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER);

	PRINT("shm_id", VIRTIO_GPU_SHM_ID_UNDEFINED);
	PRINT("shm_id", VIRTIO_GPU_SHM_ID_HOST_VISIBLE);

	PRINT("flag", VIRTIO_GPU_FLAG_FENCE);
#ifdef VIRTIO_GPU_FLAG_INFO_RING_IDX
	PRINT("flag", VIRTIO_GPU_FLAG_INFO_RING_IDX);
#endif

	PRINT_SIZEOF(virtio_gpu_ctrl_hdr);
	PRINT_OFFSETOF(virtio_gpu_ctrl_hdr, type);
	PRINT_OFFSETOF(virtio_gpu_ctrl_hdr, flags);
	PRINT_OFFSETOF(virtio_gpu_ctrl_hdr, fence_id);
	PRINT_OFFSETOF(virtio_gpu_ctrl_hdr, ctx_id);
#ifdef VIRTIO_GPU_FLAG_INFO_RING_IDX
	/* older headers have padding le32 @20 and no ring_idx */
	PRINT_OFFSETOF(virtio_gpu_ctrl_hdr, ring_idx);
	PRINT_OFFSETOF(virtio_gpu_ctrl_hdr, padding);
#endif

	PRINT_SIZEOF(virtio_gpu_cursor_pos);
	PRINT_OFFSETOF(virtio_gpu_cursor_pos, scanout_id);
	PRINT_OFFSETOF(virtio_gpu_cursor_pos, x);
	PRINT_OFFSETOF(virtio_gpu_cursor_pos, y);
	PRINT_OFFSETOF(virtio_gpu_cursor_pos, padding);

	PRINT_SIZEOF(virtio_gpu_update_cursor);
	PRINT_OFFSETOF(virtio_gpu_update_cursor, hdr);
	PRINT_OFFSETOF(virtio_gpu_update_cursor, pos);
	PRINT_OFFSETOF(virtio_gpu_update_cursor, resource_id);
	PRINT_OFFSETOF(virtio_gpu_update_cursor, hot_x);
	PRINT_OFFSETOF(virtio_gpu_update_cursor, hot_y);
	PRINT_OFFSETOF(virtio_gpu_update_cursor, padding);

	PRINT_SIZEOF(virtio_gpu_rect);
	PRINT_OFFSETOF(virtio_gpu_rect, x);
	PRINT_OFFSETOF(virtio_gpu_rect, y);
	PRINT_OFFSETOF(virtio_gpu_rect, width);
	PRINT_OFFSETOF(virtio_gpu_rect, height);

	PRINT_SIZEOF(virtio_gpu_resource_unref);
	PRINT_OFFSETOF(virtio_gpu_resource_unref, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_unref, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_unref, padding);

	PRINT_SIZEOF(virtio_gpu_resource_create_2d);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, format);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, width);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, height);

	PRINT_SIZEOF(virtio_gpu_set_scanout);
	PRINT_OFFSETOF(virtio_gpu_set_scanout, hdr);
	PRINT_OFFSETOF(virtio_gpu_set_scanout, r);
	PRINT_OFFSETOF(virtio_gpu_set_scanout, scanout_id);
	PRINT_OFFSETOF(virtio_gpu_set_scanout, resource_id);

	PRINT_SIZEOF(virtio_gpu_resource_flush);
	PRINT_OFFSETOF(virtio_gpu_resource_flush, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_flush, r);
	PRINT_OFFSETOF(virtio_gpu_resource_flush, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_flush, padding);

	PRINT_SIZEOF(virtio_gpu_transfer_to_host_2d);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, hdr);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, r);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, offset);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, resource_id);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, padding);

	PRINT_SIZEOF(virtio_gpu_mem_entry);
	PRINT_OFFSETOF(virtio_gpu_mem_entry, addr);
	PRINT_OFFSETOF(virtio_gpu_mem_entry, length);
	PRINT_OFFSETOF(virtio_gpu_mem_entry, padding);

	PRINT_SIZEOF(virtio_gpu_resource_attach_backing);
	PRINT_OFFSETOF(virtio_gpu_resource_attach_backing, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_attach_backing, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_attach_backing, nr_entries);

	PRINT_SIZEOF(virtio_gpu_resource_detach_backing);
	PRINT_OFFSETOF(virtio_gpu_resource_detach_backing, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_detach_backing, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_detach_backing, padding);

	PRINT("const", VIRTIO_GPU_MAX_SCANOUTS);
	PRINT_SIZEOF(virtio_gpu_resp_display_info);
	PRINT_OFFSETOF(virtio_gpu_resp_display_info, hdr);
	PRINT_OFFSETOF(virtio_gpu_resp_display_info, pmodes);
	PRINT_COUNTOF(virtio_gpu_resp_display_info, pmodes);
	PRINT_SIZEOF(virtio_gpu_display_one);
	PRINT_OFFSETOF(virtio_gpu_display_one, r);
	PRINT_OFFSETOF(virtio_gpu_display_one, enabled);
	PRINT_OFFSETOF(virtio_gpu_display_one, flags);

	PRINT_SIZEOF(virtio_gpu_box);
	PRINT_OFFSETOF(virtio_gpu_box, x);
	PRINT_OFFSETOF(virtio_gpu_box, y);
	PRINT_OFFSETOF(virtio_gpu_box, z);
	PRINT_OFFSETOF(virtio_gpu_box, w);
	PRINT_OFFSETOF(virtio_gpu_box, h);
	PRINT_OFFSETOF(virtio_gpu_box, d);

	PRINT_SIZEOF(virtio_gpu_transfer_host_3d);
	PRINT_OFFSETOF(virtio_gpu_transfer_host_3d, hdr);
	PRINT_OFFSETOF(virtio_gpu_transfer_host_3d, box);
	PRINT_OFFSETOF(virtio_gpu_transfer_host_3d, offset);
	PRINT_OFFSETOF(virtio_gpu_transfer_host_3d, resource_id);
	PRINT_OFFSETOF(virtio_gpu_transfer_host_3d, level);
	PRINT_OFFSETOF(virtio_gpu_transfer_host_3d, stride);
	PRINT_OFFSETOF(virtio_gpu_transfer_host_3d, layer_stride);

	PRINT("resource_flag", VIRTIO_GPU_RESOURCE_FLAG_Y_0_TOP);
	PRINT_SIZEOF(virtio_gpu_resource_create_3d);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, target);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, format);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, bind);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, width);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, height);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, depth);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, array_size);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, last_level);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, nr_samples);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, flags);
	PRINT_OFFSETOF(virtio_gpu_resource_create_3d, padding);

	PRINT("context_init", VIRTIO_GPU_CONTEXT_INIT_CAPSET_ID_MASK);
	PRINT_SIZEOF(virtio_gpu_ctx_create);
	PRINT_OFFSETOF(virtio_gpu_ctx_create, hdr);
	PRINT_OFFSETOF(virtio_gpu_ctx_create, nlen);
	PRINT_OFFSETOF(virtio_gpu_ctx_create, context_init);
	PRINT_OFFSETOF(virtio_gpu_ctx_create, debug_name);
	PRINT_COUNTOF(virtio_gpu_ctx_create, debug_name);

	PRINT_SIZEOF(virtio_gpu_ctx_destroy);
	PRINT_OFFSETOF(virtio_gpu_ctx_destroy, hdr);

	PRINT_SIZEOF(virtio_gpu_ctx_resource);
	PRINT_OFFSETOF(virtio_gpu_ctx_resource, hdr);
	PRINT_OFFSETOF(virtio_gpu_ctx_resource, resource_id);
	PRINT_OFFSETOF(virtio_gpu_ctx_resource, padding);

	PRINT_SIZEOF(virtio_gpu_cmd_submit);
	PRINT_OFFSETOF(virtio_gpu_cmd_submit, hdr);
	PRINT_OFFSETOF(virtio_gpu_cmd_submit, size);
	PRINT_OFFSETOF(virtio_gpu_cmd_submit, padding);

	PRINT("capset", VIRTIO_GPU_CAPSET_VIRGL);
	PRINT("capset", VIRTIO_GPU_CAPSET_VIRGL2);
#ifdef VIRTIO_GPU_CAPSET_GFXSTREAM_VULKAN
	PRINT("capset", VIRTIO_GPU_CAPSET_GFXSTREAM_VULKAN);
#endif
#ifdef VIRTIO_GPU_CAPSET_VENUS
	PRINT("capset", VIRTIO_GPU_CAPSET_VENUS);
#endif
#ifdef VIRTIO_GPU_CAPSET_CROSS_DOMAIN
	PRINT("capset", VIRTIO_GPU_CAPSET_CROSS_DOMAIN);
#endif
#ifdef VIRTIO_GPU_CAPSET_DRM
	PRINT("capset", VIRTIO_GPU_CAPSET_DRM);
#endif

	PRINT_SIZEOF(virtio_gpu_get_capset_info);
	PRINT_OFFSETOF(virtio_gpu_get_capset_info, hdr);
	PRINT_OFFSETOF(virtio_gpu_get_capset_info, capset_index);
	PRINT_OFFSETOF(virtio_gpu_get_capset_info, padding);

	PRINT_SIZEOF(virtio_gpu_resp_capset_info);
	PRINT_OFFSETOF(virtio_gpu_resp_capset_info, hdr);
	PRINT_OFFSETOF(virtio_gpu_resp_capset_info, capset_id);
	PRINT_OFFSETOF(virtio_gpu_resp_capset_info, capset_max_version);
	PRINT_OFFSETOF(virtio_gpu_resp_capset_info, capset_max_size);
	PRINT_OFFSETOF(virtio_gpu_resp_capset_info, padding);

	PRINT_SIZEOF(virtio_gpu_get_capset);
	PRINT_OFFSETOF(virtio_gpu_get_capset, hdr);
	PRINT_OFFSETOF(virtio_gpu_get_capset, capset_id);
	PRINT_OFFSETOF(virtio_gpu_get_capset, capset_version);

	/* capset_data[] is a flexible array: an offset, no count */
	PRINT_SIZEOF(virtio_gpu_resp_capset);
	PRINT_OFFSETOF(virtio_gpu_resp_capset, hdr);
	PRINT_OFFSETOF(virtio_gpu_resp_capset, capset_data);

	PRINT_SIZEOF(virtio_gpu_cmd_get_edid);
	PRINT_OFFSETOF(virtio_gpu_cmd_get_edid, hdr);
	PRINT_OFFSETOF(virtio_gpu_cmd_get_edid, scanout);
	PRINT_OFFSETOF(virtio_gpu_cmd_get_edid, padding);

	PRINT_SIZEOF(virtio_gpu_resp_edid);
	PRINT_OFFSETOF(virtio_gpu_resp_edid, hdr);
	PRINT_OFFSETOF(virtio_gpu_resp_edid, size);
	PRINT_OFFSETOF(virtio_gpu_resp_edid, padding);
	PRINT_OFFSETOF(virtio_gpu_resp_edid, edid);
	PRINT_COUNTOF(virtio_gpu_resp_edid, edid);

	PRINT("event", VIRTIO_GPU_EVENT_DISPLAY);

	PRINT_SIZEOF(virtio_gpu_config);
	PRINT_OFFSETOF(virtio_gpu_config, events_read);
	PRINT_OFFSETOF(virtio_gpu_config, events_clear);
	PRINT_OFFSETOF(virtio_gpu_config, num_scanouts);
	PRINT_OFFSETOF(virtio_gpu_config, num_capsets);

	PRINT("format", VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM);

	PRINT_SIZEOF(virtio_gpu_resource_assign_uuid);
	PRINT_OFFSETOF(virtio_gpu_resource_assign_uuid, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_assign_uuid, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_assign_uuid, padding);

	PRINT_SIZEOF(virtio_gpu_resp_resource_uuid);
	PRINT_OFFSETOF(virtio_gpu_resp_resource_uuid, hdr);
	PRINT_OFFSETOF(virtio_gpu_resp_resource_uuid, uuid);
	PRINT_COUNTOF(virtio_gpu_resp_resource_uuid, uuid);

	PRINT("blob_mem", VIRTIO_GPU_BLOB_MEM_GUEST);
	PRINT("blob_mem", VIRTIO_GPU_BLOB_MEM_HOST3D);
	PRINT("blob_mem", VIRTIO_GPU_BLOB_MEM_HOST3D_GUEST);
	PRINT("blob_flag", VIRTIO_GPU_BLOB_FLAG_USE_MAPPABLE);
	PRINT("blob_flag", VIRTIO_GPU_BLOB_FLAG_USE_SHAREABLE);
	PRINT("blob_flag", VIRTIO_GPU_BLOB_FLAG_USE_CROSS_DEVICE);
	PRINT_SIZEOF(virtio_gpu_resource_create_blob);
	PRINT_OFFSETOF(virtio_gpu_resource_create_blob, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_create_blob, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_create_blob, blob_mem);
	PRINT_OFFSETOF(virtio_gpu_resource_create_blob, blob_flags);
	PRINT_OFFSETOF(virtio_gpu_resource_create_blob, nr_entries);
	PRINT_OFFSETOF(virtio_gpu_resource_create_blob, blob_id);
	PRINT_OFFSETOF(virtio_gpu_resource_create_blob, size);

	PRINT_SIZEOF(virtio_gpu_set_scanout_blob);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, hdr);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, r);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, scanout_id);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, resource_id);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, width);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, height);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, format);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, padding);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, strides);
	PRINT_COUNTOF(virtio_gpu_set_scanout_blob, strides);
	PRINT_OFFSETOF(virtio_gpu_set_scanout_blob, offsets);
	PRINT_COUNTOF(virtio_gpu_set_scanout_blob, offsets);

	PRINT_SIZEOF(virtio_gpu_resource_map_blob);
	PRINT_OFFSETOF(virtio_gpu_resource_map_blob, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_map_blob, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_map_blob, padding);
	PRINT_OFFSETOF(virtio_gpu_resource_map_blob, offset);

	PRINT("map_cache", VIRTIO_GPU_MAP_CACHE_MASK);
	PRINT("map_cache", VIRTIO_GPU_MAP_CACHE_NONE);
	PRINT("map_cache", VIRTIO_GPU_MAP_CACHE_CACHED);
	PRINT("map_cache", VIRTIO_GPU_MAP_CACHE_UNCACHED);
	PRINT("map_cache", VIRTIO_GPU_MAP_CACHE_WC);
	PRINT_SIZEOF(virtio_gpu_resp_map_info);
	PRINT_OFFSETOF(virtio_gpu_resp_map_info, hdr);
	PRINT_OFFSETOF(virtio_gpu_resp_map_info, map_info);
	PRINT_OFFSETOF(virtio_gpu_resp_map_info, padding);

	PRINT_SIZEOF(virtio_gpu_resource_unmap_blob);
	PRINT_OFFSETOF(virtio_gpu_resource_unmap_blob, hdr);
	PRINT_OFFSETOF(virtio_gpu_resource_unmap_blob, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_unmap_blob, padding);
	return 0;
}
