/*
 * Golden values from the Linux UAPI virtio-gpu header (/usr/include/linux/virtio_gpu.h), printed as "key=value" lines
 * (decimal) for GpuLayoutGoldenTests to compare with Sim.Devices.Gpu.GpuLayout and GpuFormat.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   virtio_gpu_ctrl_hdr, virtio_gpu_rect, the 2D commands the
 *                                                          scanout uses, virtio_gpu_mem_entry, the display info
 *                                                          response (pmodes[0].x for the nested display_one) and
 *                                                          virtio_gpu_config
 *   cmd.NAME, resp.NAME, flag.NAME, format.NAME,          VIRTIO_GPU_CMD_*, VIRTIO_GPU_RESP_*, VIRTIO_GPU_FLAG_*,
 *   event.NAME, const.NAME                                VIRTIO_GPU_FORMAT_*, VIRTIO_GPU_EVENT_*, other constants
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_gpu_golden linux_virtio_gpu_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_gpu.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
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

	PRINT_SIZEOF(virtio_gpu_rect);
	PRINT_OFFSETOF(virtio_gpu_rect, x);
	PRINT_OFFSETOF(virtio_gpu_rect, y);
	PRINT_OFFSETOF(virtio_gpu_rect, width);
	PRINT_OFFSETOF(virtio_gpu_rect, height);

	PRINT_SIZEOF(virtio_gpu_resource_create_2d);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, format);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, width);
	PRINT_OFFSETOF(virtio_gpu_resource_create_2d, height);

	PRINT_SIZEOF(virtio_gpu_set_scanout);
	PRINT_OFFSETOF(virtio_gpu_set_scanout, r);
	PRINT_OFFSETOF(virtio_gpu_set_scanout, scanout_id);
	PRINT_OFFSETOF(virtio_gpu_set_scanout, resource_id);

	PRINT_SIZEOF(virtio_gpu_resource_flush);
	PRINT_OFFSETOF(virtio_gpu_resource_flush, r);
	PRINT_OFFSETOF(virtio_gpu_resource_flush, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_flush, padding);

	PRINT_SIZEOF(virtio_gpu_transfer_to_host_2d);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, r);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, offset);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, resource_id);
	PRINT_OFFSETOF(virtio_gpu_transfer_to_host_2d, padding);

	PRINT_SIZEOF(virtio_gpu_resource_attach_backing);
	PRINT_OFFSETOF(virtio_gpu_resource_attach_backing, resource_id);
	PRINT_OFFSETOF(virtio_gpu_resource_attach_backing, nr_entries);

	PRINT_SIZEOF(virtio_gpu_mem_entry);
	PRINT_OFFSETOF(virtio_gpu_mem_entry, addr);
	PRINT_OFFSETOF(virtio_gpu_mem_entry, length);
	PRINT_OFFSETOF(virtio_gpu_mem_entry, padding);

	PRINT_SIZEOF(virtio_gpu_resp_display_info);
	PRINT_OFFSETOF(virtio_gpu_resp_display_info, pmodes);
	PRINT_SIZEOF(virtio_gpu_display_one);
	PRINT_OFFSETOF(virtio_gpu_display_one, r);
	PRINT_OFFSETOF(virtio_gpu_display_one, enabled);
	PRINT_OFFSETOF(virtio_gpu_display_one, flags);

	PRINT_SIZEOF(virtio_gpu_config);
	PRINT_OFFSETOF(virtio_gpu_config, events_read);
	PRINT_OFFSETOF(virtio_gpu_config, events_clear);
	PRINT_OFFSETOF(virtio_gpu_config, num_scanouts);
	PRINT_OFFSETOF(virtio_gpu_config, num_capsets);

	PRINT("cmd", VIRTIO_GPU_CMD_GET_DISPLAY_INFO);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_CREATE_2D);
	PRINT("cmd", VIRTIO_GPU_CMD_SET_SCANOUT);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_FLUSH);
	PRINT("cmd", VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D);
	PRINT("cmd", VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING);

	PRINT("resp", VIRTIO_GPU_RESP_OK_NODATA);
	PRINT("resp", VIRTIO_GPU_RESP_OK_DISPLAY_INFO);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_UNSPEC);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_SCANOUT_ID);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_RESOURCE_ID);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_CONTEXT_ID);
	PRINT("resp", VIRTIO_GPU_RESP_ERR_INVALID_PARAMETER);

	PRINT("flag", VIRTIO_GPU_FLAG_FENCE);
#ifdef VIRTIO_GPU_FLAG_INFO_RING_IDX
	PRINT("flag", VIRTIO_GPU_FLAG_INFO_RING_IDX);
#endif

	PRINT("format", VIRTIO_GPU_FORMAT_B8G8R8A8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_A8R8G8B8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_X8R8G8B8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_R8G8B8A8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_X8B8G8R8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_A8B8G8R8_UNORM);
	PRINT("format", VIRTIO_GPU_FORMAT_R8G8B8X8_UNORM);

	PRINT("event", VIRTIO_GPU_EVENT_DISPLAY);
	PRINT("const", VIRTIO_GPU_MAX_SCANOUTS);
	return 0;
}
