/*
 * Reads the configuration space and the common configuration structure of a virtio-pci function as the simulator
 * wrote them, the way Linux does: the type-0 header and the capability list through the pci_regs.h offsets, each
 * virtio capability through struct virtio_pci_cap / virtio_pci_notify_cap / virtio_pci_cfg_cap, the MSI-X capability
 * through PCI_MSIX_*, and the common configuration through struct virtio_pci_common_cfg (queue_notify_data and
 * queue_reset through VIRTIO_PCI_COMMON_Q_NDATA / _Q_RESET). Never through offsets of our own. Prints what it read as
 * "key=decimal" lines for PciImageGoldenTests to compare with what the simulator says is there. Exit 0, or 2 with
 * "ERROR <why>" on bad input.
 *
 * Usage: linux_pci_image_check CONFIG_IMAGE COMMON_IMAGE
 *   CONFIG_IMAGE  the 256 bytes of configuration space
 *   COMMON_IMAGE  the common configuration structure (at least sizeof(struct virtio_pci_common_cfg) bytes)
 *
 * Keys: header.FIELD; cap.N.at / .id / .next for the N-th capability of the list walk (from 0), and for a virtio
 * capability cap.N.cap_len / .cfg_type / .bar / .id_field / .offset / .length (+ .notify_off_multiplier,
 * .pci_cfg_data), for MSI-X cap.N.table_size / .enable / .function_mask / .table_bir / .table_offset / .pba_bir /
 * .pba_offset; caps.count; common.FIELD.
 *
 * All fields are little-endian (virtio 1.x, PCI); le*toh makes the check correct on any host.
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_pci_image_check linux_pci_image_check.c
 */
#include <endian.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/pci_regs.h>
#include <linux/virtio_pci.h>

static unsigned char config[PCI_CFG_SPACE_SIZE];
static unsigned char common[4096];
static size_t common_size;

static size_t load(const char *path, unsigned char *into, size_t capacity)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL) {
		printf("ERROR cannot open %s\n", path);
		exit(2);
	}
	size_t size = fread(into, 1, capacity, file);
	fclose(file);
	return size;
}

static unsigned cfg8(unsigned at) { return config[at]; }
static unsigned cfg16(unsigned at) { uint16_t v; memcpy(&v, config + at, sizeof v); return le16toh(v); }
static unsigned cfg32(unsigned at) { uint32_t v; memcpy(&v, config + at, sizeof v); return le32toh(v); }

static void print(const char *key, unsigned long long value) { printf("%s=%llu\n", key, value); }

static void print_cap(int n, const char *field, unsigned long long value)
{
	printf("cap.%d.%s=%llu\n", n, field, value);
}

static void print_header(void)
{
	print("header.vendor", cfg16(PCI_VENDOR_ID));
	print("header.device", cfg16(PCI_DEVICE_ID));
	print("header.command", cfg16(PCI_COMMAND));
	print("header.status", cfg16(PCI_STATUS));
	print("header.revision", cfg8(PCI_REVISION_ID));
	print("header.class", cfg32(PCI_CLASS_REVISION) >> 8);
	print("header.header_type", cfg8(PCI_HEADER_TYPE));
	print("header.bar4", cfg32(PCI_BASE_ADDRESS_4));
	print("header.bar5", cfg32(PCI_BASE_ADDRESS_5));
	print("header.subsystem_vendor", cfg16(PCI_SUBSYSTEM_VENDOR_ID));
	print("header.subsystem", cfg16(PCI_SUBSYSTEM_ID));
	print("header.capability_list", cfg8(PCI_CAPABILITY_LIST));
	print("header.interrupt_pin", cfg8(PCI_INTERRUPT_PIN));
}

static void print_virtio_cap(int n, unsigned at)
{
	struct virtio_pci_cap cap;
	memcpy(&cap, config + at, sizeof cap);
	print_cap(n, "cap_len", cap.cap_len);
	print_cap(n, "cfg_type", cap.cfg_type);
	print_cap(n, "bar", cap.bar);
	print_cap(n, "id_field", cap.id);
	print_cap(n, "offset", le32toh(cap.offset));
	print_cap(n, "length", le32toh(cap.length));
	if (cap.cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG) {
		struct virtio_pci_notify_cap notify;
		memcpy(&notify, config + at, sizeof notify);
		print_cap(n, "notify_off_multiplier", le32toh(notify.notify_off_multiplier));
	} else if (cap.cfg_type == VIRTIO_PCI_CAP_PCI_CFG) {
		struct virtio_pci_cfg_cap window;
		uint32_t data;
		memcpy(&window, config + at, sizeof window);
		memcpy(&data, window.pci_cfg_data, sizeof data);
		print_cap(n, "pci_cfg_data", le32toh(data));
	}
}

static void print_msix_cap(int n, unsigned at)
{
	unsigned control = cfg16(at + PCI_MSIX_FLAGS), table = cfg32(at + PCI_MSIX_TABLE), pba = cfg32(at + PCI_MSIX_PBA);
	print_cap(n, "table_size", (control & PCI_MSIX_FLAGS_QSIZE) + 1);
	print_cap(n, "enable", (control & PCI_MSIX_FLAGS_ENABLE) != 0);
	print_cap(n, "function_mask", (control & PCI_MSIX_FLAGS_MASKALL) != 0);
	print_cap(n, "table_bir", table & PCI_MSIX_TABLE_BIR);
	print_cap(n, "table_offset", table & PCI_MSIX_TABLE_OFFSET);
	print_cap(n, "pba_bir", pba & PCI_MSIX_PBA_BIR);
	print_cap(n, "pba_offset", pba & PCI_MSIX_PBA_OFFSET);
}

/* The capability list as Linux walks it (__pci_find_next_cap_ttl): dword-aligned pointers, at most 48 entries. */
static void print_capabilities(void)
{
	int n = 0;
	if (!(cfg16(PCI_STATUS) & PCI_STATUS_CAP_LIST)) {
		print("caps.count", 0);
		return;
	}
	for (unsigned at = cfg8(PCI_CAPABILITY_LIST) & ~3u; at >= PCI_STD_HEADER_SIZEOF && n < 48; n++) {
		unsigned id = cfg8(at + PCI_CAP_LIST_ID), next = cfg8(at + PCI_CAP_LIST_NEXT) & ~3u;
		print_cap(n, "at", at);
		print_cap(n, "id", id);
		print_cap(n, "next", next);
		if (id == PCI_CAP_ID_VNDR)
			print_virtio_cap(n, at);
		else if (id == PCI_CAP_ID_MSIX)
			print_msix_cap(n, at);
		at = next;
	}
	print("caps.count", n);
}

#define PRINT_COMMON(field, conv) print("common." #field, conv(cfg.field))

static void print_common(void)
{
	struct virtio_pci_common_cfg cfg;
	uint16_t notify_data, reset;
	if (common_size < VIRTIO_PCI_COMMON_Q_RESET + sizeof reset) {
		printf("ERROR the common configuration image has %zu bytes\n", common_size);
		exit(2);
	}
	memcpy(&cfg, common, sizeof cfg);
	PRINT_COMMON(device_feature_select, le32toh);
	PRINT_COMMON(device_feature, le32toh);
	PRINT_COMMON(guest_feature_select, le32toh);
	PRINT_COMMON(guest_feature, le32toh);
	PRINT_COMMON(msix_config, le16toh);
	PRINT_COMMON(num_queues, le16toh);
	PRINT_COMMON(device_status, +);
	PRINT_COMMON(config_generation, +);
	PRINT_COMMON(queue_select, le16toh);
	PRINT_COMMON(queue_size, le16toh);
	PRINT_COMMON(queue_msix_vector, le16toh);
	PRINT_COMMON(queue_enable, le16toh);
	PRINT_COMMON(queue_notify_off, le16toh);
	PRINT_COMMON(queue_desc_lo, le32toh);
	PRINT_COMMON(queue_desc_hi, le32toh);
	PRINT_COMMON(queue_avail_lo, le32toh);
	PRINT_COMMON(queue_avail_hi, le32toh);
	PRINT_COMMON(queue_used_lo, le32toh);
	PRINT_COMMON(queue_used_hi, le32toh);
	memcpy(&notify_data, common + VIRTIO_PCI_COMMON_Q_NDATA, sizeof notify_data);
	memcpy(&reset, common + VIRTIO_PCI_COMMON_Q_RESET, sizeof reset);
	print("common.queue_notify_data", le16toh(notify_data));
	print("common.queue_reset", le16toh(reset));
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		printf("ERROR usage: %s CONFIG_IMAGE COMMON_IMAGE\n", argv[0]);
		return 2;
	}
	if (load(argv[1], config, sizeof config) != sizeof config) {
		printf("ERROR %s is not %d bytes\n", argv[1], PCI_CFG_SPACE_SIZE);
		return 2;
	}
	common_size = load(argv[2], common, sizeof common);
	print_header();
	print_capabilities();
	print_common();
	return ferror(stdout) ? 1 : 0;
}
