/*
 * Golden values of the virtio-pci transport from the Linux UAPI headers (linux-libc-dev: /usr/include/linux/virtio_pci.h
 * and the PCI header fields and MSI-X capability of /usr/include/linux/pci_regs.h), printed as "family.key=value"
 * lines (decimal) for VirtioPciGoldenTests to compare with the simulator's constants in Sim.Devices.Virtio.Pci.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   virtio_pci_cap, _cap64, _notify_cap, _cfg_cap, _common_cfg
 *                                                        (and virtio_pci_modern_common_cfg where the header has it)
 *   cap.NAME        VIRTIO_PCI_CAP_* byte offsets and VIRTIO_PCI_NOTIFY_CAP_MULT
 *   cfg_type.NAME   VIRTIO_PCI_CAP_*_CFG structure types
 *   common.NAME     VIRTIO_PCI_COMMON_* offsets in the common configuration structure
 *   isr.NAME, msi.NAME   VIRTIO_PCI_ISR_CONFIG, VIRTIO_MSI_NO_VECTOR
 *   pci.NAME        type-0 header offsets and bits, capability IDs
 *   msix.NAME       PCI_MSIX_* capability and table entry offsets and bits
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_pci_golden linux_virtio_pci_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/pci_regs.h>
#include <linux/virtio_pci.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

static void print_layout(void)
{
	PRINT_SIZEOF(virtio_pci_cap);
	PRINT_OFFSETOF(virtio_pci_cap, cap_vndr);
	PRINT_OFFSETOF(virtio_pci_cap, cap_next);
	PRINT_OFFSETOF(virtio_pci_cap, cap_len);
	PRINT_OFFSETOF(virtio_pci_cap, cfg_type);
	PRINT_OFFSETOF(virtio_pci_cap, bar);
	PRINT_OFFSETOF(virtio_pci_cap, id);
	PRINT_OFFSETOF(virtio_pci_cap, padding);
	PRINT_OFFSETOF(virtio_pci_cap, offset);
	PRINT_OFFSETOF(virtio_pci_cap, length);

	PRINT_SIZEOF(virtio_pci_cap64);
	PRINT_OFFSETOF(virtio_pci_cap64, cap);
	PRINT_OFFSETOF(virtio_pci_cap64, offset_hi);
	PRINT_OFFSETOF(virtio_pci_cap64, length_hi);

	PRINT_SIZEOF(virtio_pci_notify_cap);
	PRINT_OFFSETOF(virtio_pci_notify_cap, cap);
	PRINT_OFFSETOF(virtio_pci_notify_cap, notify_off_multiplier);

	PRINT_SIZEOF(virtio_pci_cfg_cap);
	PRINT_OFFSETOF(virtio_pci_cfg_cap, cap);
	PRINT_OFFSETOF(virtio_pci_cfg_cap, pci_cfg_data);

	PRINT_SIZEOF(virtio_pci_common_cfg);
	PRINT_OFFSETOF(virtio_pci_common_cfg, device_feature_select);
	PRINT_OFFSETOF(virtio_pci_common_cfg, device_feature);
	PRINT_OFFSETOF(virtio_pci_common_cfg, guest_feature_select);
	PRINT_OFFSETOF(virtio_pci_common_cfg, guest_feature);
	PRINT_OFFSETOF(virtio_pci_common_cfg, msix_config);
	PRINT_OFFSETOF(virtio_pci_common_cfg, num_queues);
	PRINT_OFFSETOF(virtio_pci_common_cfg, device_status);
	PRINT_OFFSETOF(virtio_pci_common_cfg, config_generation);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_select);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_size);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_msix_vector);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_enable);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_notify_off);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_desc_lo);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_desc_hi);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_avail_lo);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_avail_hi);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_used_lo);
	PRINT_OFFSETOF(virtio_pci_common_cfg, queue_used_hi);

	/* struct virtio_pci_modern_common_cfg came with the admin queue fields (Linux 6.6); no macro names the struct. */
#ifdef VIRTIO_PCI_COMMON_ADM_Q_IDX
	PRINT_SIZEOF(virtio_pci_modern_common_cfg);
	PRINT_OFFSETOF(virtio_pci_modern_common_cfg, cfg);
	PRINT_OFFSETOF(virtio_pci_modern_common_cfg, queue_notify_data);
	PRINT_OFFSETOF(virtio_pci_modern_common_cfg, queue_reset);
	PRINT_OFFSETOF(virtio_pci_modern_common_cfg, admin_queue_index);
	PRINT_OFFSETOF(virtio_pci_modern_common_cfg, admin_queue_num);
#endif
}

static void print_virtio_constants(void)
{
	PRINT("cap", VIRTIO_PCI_CAP_VNDR);
	PRINT("cap", VIRTIO_PCI_CAP_NEXT);
	PRINT("cap", VIRTIO_PCI_CAP_LEN);
	PRINT("cap", VIRTIO_PCI_CAP_CFG_TYPE);
	PRINT("cap", VIRTIO_PCI_CAP_BAR);
	PRINT("cap", VIRTIO_PCI_CAP_OFFSET);
	PRINT("cap", VIRTIO_PCI_CAP_LENGTH);
	PRINT("cap", VIRTIO_PCI_NOTIFY_CAP_MULT);

	PRINT("cfg_type", VIRTIO_PCI_CAP_COMMON_CFG);
	PRINT("cfg_type", VIRTIO_PCI_CAP_NOTIFY_CFG);
	PRINT("cfg_type", VIRTIO_PCI_CAP_ISR_CFG);
	PRINT("cfg_type", VIRTIO_PCI_CAP_DEVICE_CFG);
	PRINT("cfg_type", VIRTIO_PCI_CAP_PCI_CFG);
#ifdef VIRTIO_PCI_CAP_SHARED_MEMORY_CFG
	PRINT("cfg_type", VIRTIO_PCI_CAP_SHARED_MEMORY_CFG);
#endif
#ifdef VIRTIO_PCI_CAP_VENDOR_CFG
	PRINT("cfg_type", VIRTIO_PCI_CAP_VENDOR_CFG);
#endif

	PRINT("common", VIRTIO_PCI_COMMON_DFSELECT);
	PRINT("common", VIRTIO_PCI_COMMON_DF);
	PRINT("common", VIRTIO_PCI_COMMON_GFSELECT);
	PRINT("common", VIRTIO_PCI_COMMON_GF);
	PRINT("common", VIRTIO_PCI_COMMON_MSIX);
	PRINT("common", VIRTIO_PCI_COMMON_NUMQ);
	PRINT("common", VIRTIO_PCI_COMMON_STATUS);
	PRINT("common", VIRTIO_PCI_COMMON_CFGGENERATION);
	PRINT("common", VIRTIO_PCI_COMMON_Q_SELECT);
	PRINT("common", VIRTIO_PCI_COMMON_Q_SIZE);
	PRINT("common", VIRTIO_PCI_COMMON_Q_MSIX);
	PRINT("common", VIRTIO_PCI_COMMON_Q_ENABLE);
	PRINT("common", VIRTIO_PCI_COMMON_Q_NOFF);
	PRINT("common", VIRTIO_PCI_COMMON_Q_DESCLO);
	PRINT("common", VIRTIO_PCI_COMMON_Q_DESCHI);
	PRINT("common", VIRTIO_PCI_COMMON_Q_AVAILLO);
	PRINT("common", VIRTIO_PCI_COMMON_Q_AVAILHI);
	PRINT("common", VIRTIO_PCI_COMMON_Q_USEDLO);
	PRINT("common", VIRTIO_PCI_COMMON_Q_USEDHI);
#ifdef VIRTIO_PCI_COMMON_Q_NDATA
	PRINT("common", VIRTIO_PCI_COMMON_Q_NDATA);
#endif
#ifdef VIRTIO_PCI_COMMON_Q_RESET
	PRINT("common", VIRTIO_PCI_COMMON_Q_RESET);
#endif
#ifdef VIRTIO_PCI_COMMON_ADM_Q_IDX
	PRINT("common", VIRTIO_PCI_COMMON_ADM_Q_IDX);
	PRINT("common", VIRTIO_PCI_COMMON_ADM_Q_NUM);
#endif

	PRINT("isr", VIRTIO_PCI_ISR_CONFIG);
	PRINT("msi", VIRTIO_MSI_NO_VECTOR);
}

static void print_pci_constants(void)
{
	PRINT("pci", PCI_CFG_SPACE_SIZE);
	PRINT("pci", PCI_STD_HEADER_SIZEOF);
	PRINT("pci", PCI_VENDOR_ID);
	PRINT("pci", PCI_DEVICE_ID);
	PRINT("pci", PCI_COMMAND);
	PRINT("pci", PCI_COMMAND_MEMORY);
	PRINT("pci", PCI_COMMAND_MASTER);
	PRINT("pci", PCI_COMMAND_INTX_DISABLE);
	PRINT("pci", PCI_STATUS);
	PRINT("pci", PCI_STATUS_INTERRUPT);
	PRINT("pci", PCI_STATUS_CAP_LIST);
	PRINT("pci", PCI_REVISION_ID);
	PRINT("pci", PCI_CLASS_PROG);
	PRINT("pci", PCI_CLASS_DEVICE);
	PRINT("pci", PCI_HEADER_TYPE);
	PRINT("pci", PCI_HEADER_TYPE_NORMAL);
	PRINT("pci", PCI_BASE_ADDRESS_0);
	PRINT("pci", PCI_BASE_ADDRESS_4);
	PRINT("pci", PCI_BASE_ADDRESS_5);
	PRINT("pci", PCI_BASE_ADDRESS_SPACE_MEMORY);
	PRINT("pci", PCI_BASE_ADDRESS_MEM_TYPE_64);
	PRINT("pci", PCI_BASE_ADDRESS_MEM_PREFETCH);
	PRINT("pci", PCI_SUBSYSTEM_VENDOR_ID);
	PRINT("pci", PCI_SUBSYSTEM_ID);
	PRINT("pci", PCI_CAPABILITY_LIST);
	PRINT("pci", PCI_INTERRUPT_LINE);
	PRINT("pci", PCI_INTERRUPT_PIN);
	PRINT("pci", PCI_CAP_LIST_ID);
	PRINT("pci", PCI_CAP_LIST_NEXT);
	PRINT("pci", PCI_CAP_ID_VNDR);
	PRINT("pci", PCI_CAP_ID_MSIX);

	PRINT("msix", PCI_MSIX_FLAGS);
	PRINT("msix", PCI_MSIX_FLAGS_QSIZE);
	PRINT("msix", PCI_MSIX_FLAGS_MASKALL);
	PRINT("msix", PCI_MSIX_FLAGS_ENABLE);
	PRINT("msix", PCI_MSIX_TABLE);
	PRINT("msix", PCI_MSIX_TABLE_BIR);
	PRINT("msix", PCI_MSIX_TABLE_OFFSET);
	PRINT("msix", PCI_MSIX_PBA);
	PRINT("msix", PCI_MSIX_PBA_BIR);
	PRINT("msix", PCI_MSIX_PBA_OFFSET);
	PRINT("msix", PCI_CAP_MSIX_SIZEOF);
	PRINT("msix", PCI_MSIX_ENTRY_SIZE);
	PRINT("msix", PCI_MSIX_ENTRY_LOWER_ADDR);
	PRINT("msix", PCI_MSIX_ENTRY_UPPER_ADDR);
	PRINT("msix", PCI_MSIX_ENTRY_DATA);
	PRINT("msix", PCI_MSIX_ENTRY_VECTOR_CTRL);
	PRINT("msix", PCI_MSIX_ENTRY_CTRL_MASKBIT);
}

int main(void)
{
	print_layout();
	print_virtio_constants();
	print_pci_constants();
	return ferror(stdout) ? 1 : 0;
}
