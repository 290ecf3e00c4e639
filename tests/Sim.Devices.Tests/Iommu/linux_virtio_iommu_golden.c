/*
 * Golden values from the Linux UAPI header /usr/include/linux/virtio_iommu.h, printed as "key=value" lines (decimal)
 * for IommuLayoutGoldenTests to compare with IommuLayout, IommuRequestType, IommuStatus, IommuMapFlags, IommuFeatures.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   struct sizes and field offsets
 *   type.NAME, status.NAME, map_flag.NAME, attach_flag.NAME, feature.NAME   constants
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_iommu_golden linux_virtio_iommu_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_iommu.h>

#define SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	SIZEOF(virtio_iommu_req_head);
	OFFSETOF(virtio_iommu_req_head, type);
	OFFSETOF(virtio_iommu_req_head, reserved);
	SIZEOF(virtio_iommu_req_tail);
	OFFSETOF(virtio_iommu_req_tail, status);
	OFFSETOF(virtio_iommu_req_tail, reserved);

	SIZEOF(virtio_iommu_req_attach);
	OFFSETOF(virtio_iommu_req_attach, domain);
	OFFSETOF(virtio_iommu_req_attach, endpoint);
	OFFSETOF(virtio_iommu_req_attach, flags);
	OFFSETOF(virtio_iommu_req_attach, reserved);
	OFFSETOF(virtio_iommu_req_attach, tail);

	SIZEOF(virtio_iommu_req_detach);
	OFFSETOF(virtio_iommu_req_detach, domain);
	OFFSETOF(virtio_iommu_req_detach, endpoint);
	OFFSETOF(virtio_iommu_req_detach, reserved);
	OFFSETOF(virtio_iommu_req_detach, tail);

	SIZEOF(virtio_iommu_req_map);
	OFFSETOF(virtio_iommu_req_map, domain);
	OFFSETOF(virtio_iommu_req_map, virt_start);
	OFFSETOF(virtio_iommu_req_map, virt_end);
	OFFSETOF(virtio_iommu_req_map, phys_start);
	OFFSETOF(virtio_iommu_req_map, flags);
	OFFSETOF(virtio_iommu_req_map, tail);

	SIZEOF(virtio_iommu_req_unmap);
	OFFSETOF(virtio_iommu_req_unmap, domain);
	OFFSETOF(virtio_iommu_req_unmap, virt_start);
	OFFSETOF(virtio_iommu_req_unmap, virt_end);
	OFFSETOF(virtio_iommu_req_unmap, reserved);
	OFFSETOF(virtio_iommu_req_unmap, tail);

	SIZEOF(virtio_iommu_req_probe);
	OFFSETOF(virtio_iommu_req_probe, endpoint);
	OFFSETOF(virtio_iommu_req_probe, reserved);
	OFFSETOF(virtio_iommu_req_probe, properties);

	SIZEOF(virtio_iommu_probe_property);
	OFFSETOF(virtio_iommu_probe_property, type);
	OFFSETOF(virtio_iommu_probe_property, length);
	SIZEOF(virtio_iommu_probe_resv_mem);
	OFFSETOF(virtio_iommu_probe_resv_mem, subtype);
	OFFSETOF(virtio_iommu_probe_resv_mem, reserved);
	OFFSETOF(virtio_iommu_probe_resv_mem, start);
	OFFSETOF(virtio_iommu_probe_resv_mem, end);

	SIZEOF(virtio_iommu_config);
	OFFSETOF(virtio_iommu_config, page_size_mask);
	OFFSETOF(virtio_iommu_config, input_range);
	OFFSETOF(virtio_iommu_config, domain_range);
	OFFSETOF(virtio_iommu_config, probe_size);
	OFFSETOF(virtio_iommu_config, bypass);

	PRINT("type", VIRTIO_IOMMU_T_ATTACH);
	PRINT("type", VIRTIO_IOMMU_T_DETACH);
	PRINT("type", VIRTIO_IOMMU_T_MAP);
	PRINT("type", VIRTIO_IOMMU_T_UNMAP);
	PRINT("type", VIRTIO_IOMMU_T_PROBE);

	PRINT("status", VIRTIO_IOMMU_S_OK);
	PRINT("status", VIRTIO_IOMMU_S_IOERR);
	PRINT("status", VIRTIO_IOMMU_S_UNSUPP);
	PRINT("status", VIRTIO_IOMMU_S_DEVERR);
	PRINT("status", VIRTIO_IOMMU_S_INVAL);
	PRINT("status", VIRTIO_IOMMU_S_RANGE);
	PRINT("status", VIRTIO_IOMMU_S_NOENT);
	PRINT("status", VIRTIO_IOMMU_S_FAULT);
	PRINT("status", VIRTIO_IOMMU_S_NOMEM);

	PRINT("map_flag", VIRTIO_IOMMU_MAP_F_READ);
	PRINT("map_flag", VIRTIO_IOMMU_MAP_F_WRITE);
	PRINT("map_flag", VIRTIO_IOMMU_MAP_F_MMIO);
	PRINT("map_flag", VIRTIO_IOMMU_MAP_F_MASK);
	PRINT("attach_flag", VIRTIO_IOMMU_ATTACH_F_BYPASS);

	PRINT("probe", VIRTIO_IOMMU_PROBE_T_NONE);
	PRINT("probe", VIRTIO_IOMMU_PROBE_T_RESV_MEM);
	PRINT("probe", VIRTIO_IOMMU_PROBE_T_MASK);
	PRINT("probe", VIRTIO_IOMMU_RESV_MEM_T_RESERVED);
	PRINT("probe", VIRTIO_IOMMU_RESV_MEM_T_MSI);

	PRINT("feature", VIRTIO_IOMMU_F_INPUT_RANGE);
	PRINT("feature", VIRTIO_IOMMU_F_DOMAIN_RANGE);
	PRINT("feature", VIRTIO_IOMMU_F_MAP_UNMAP);
	PRINT("feature", VIRTIO_IOMMU_F_BYPASS);
	PRINT("feature", VIRTIO_IOMMU_F_PROBE);
	PRINT("feature", VIRTIO_IOMMU_F_MMIO);
#ifdef VIRTIO_IOMMU_F_BYPASS_CONFIG
	PRINT("feature", VIRTIO_IOMMU_F_BYPASS_CONFIG);
#endif
	return 0;
}
