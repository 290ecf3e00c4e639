/*
 * Golden values from the Linux UAPI virtio headers (linux-libc-dev: /usr/include/linux/virtio_ring.h,
 * virtio_config.h, virtio_mmio.h, virtio_ids.h), printed as "key=value" lines (decimal values) for
 * LinuxHeaderGoldenTests to compare, line by line, with the simulator's C# layout, constants and functions.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD      struct sizes and field offsets
 *   layout.align.NAME                                        VRING_*_ALIGN_SIZE
 *   layout.avail_entry_offset.I, layout.used_entry_offset.I  &ring[I] relative to the ring (vring_init, N = 32768)
 *   flag.NAME                                                descriptor, ring and packed-event flags (as defined:
 *                                                            VRING_PACKED_DESC_F_* and _EVENT_F_WRAP_CTR are bit numbers)
 *   feature.NAME                                             feature bit numbers, only those the header defines
 *   status.NAME, mmio.NAME, device_id.NAME                   status bits, MMIO register offsets, device ids (if defined)
 *   vring_size.N.ALIGN                                       vring_size(N, ALIGN)
 *   vring_init.N.ALIGN.{avail,used,used_event,avail_event}   vring_init offsets: avail and used from the table start,
 *                                                            used_event from avail, avail_event from used
 *   need_event.EVENT.NEW.OLD                                 vring_need_event(EVENT, NEW, OLD) as 0 or 1
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_golden linux_virtio_golden.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_mmio.h>
#include <linux/virtio_ring.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

static void print_layout(void)
{
	PRINT_SIZEOF(vring_desc);
	PRINT_OFFSETOF(vring_desc, addr);
	PRINT_OFFSETOF(vring_desc, len);
	PRINT_OFFSETOF(vring_desc, flags);
	PRINT_OFFSETOF(vring_desc, next);

	PRINT_SIZEOF(vring_avail);
	PRINT_OFFSETOF(vring_avail, flags);
	PRINT_OFFSETOF(vring_avail, idx);
	PRINT_OFFSETOF(vring_avail, ring);

	PRINT_SIZEOF(vring_used_elem);
	PRINT_OFFSETOF(vring_used_elem, id);
	PRINT_OFFSETOF(vring_used_elem, len);

	PRINT_SIZEOF(vring_used);
	PRINT_OFFSETOF(vring_used, flags);
	PRINT_OFFSETOF(vring_used, idx);
	PRINT_OFFSETOF(vring_used, ring);

	PRINT_SIZEOF(vring_packed_desc);
	PRINT_OFFSETOF(vring_packed_desc, addr);
	PRINT_OFFSETOF(vring_packed_desc, len);
	PRINT_OFFSETOF(vring_packed_desc, id);
	PRINT_OFFSETOF(vring_packed_desc, flags);

	PRINT_SIZEOF(vring_packed_desc_event);
	PRINT_OFFSETOF(vring_packed_desc_event, off_wrap);
	PRINT_OFFSETOF(vring_packed_desc_event, flags);

	PRINT("layout.align", VRING_DESC_ALIGN_SIZE);
	PRINT("layout.align", VRING_AVAIL_ALIGN_SIZE);
	PRINT("layout.align", VRING_USED_ALIGN_SIZE);
}

/* Ring entry offsets as vring_init places them, in the largest queue. */
static void print_entry_offsets(void)
{
	enum { num = 32768, align = 4096 };
	static const unsigned slots[] = { 0, 1, 2, 3, 255, 256, 4095, 32767 };
	struct vring vr;
	void *p = aligned_alloc(align, (vring_size(num, align) + align - 1) & ~(size_t)(align - 1));
	if (p == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	vring_init(&vr, num, p, align);
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
		printf("layout.avail_entry_offset.%u=%td\n", slots[i], (char *)&vr.avail->ring[slots[i]] - (char *)vr.avail);
		printf("layout.used_entry_offset.%u=%td\n", slots[i], (char *)&vr.used->ring[slots[i]] - (char *)vr.used);
	}
	free(p);
}

static void print_flags(void)
{
	PRINT("flag", VRING_DESC_F_NEXT);
	PRINT("flag", VRING_DESC_F_WRITE);
	PRINT("flag", VRING_DESC_F_INDIRECT);
	PRINT("flag", VRING_AVAIL_F_NO_INTERRUPT);
	PRINT("flag", VRING_USED_F_NO_NOTIFY);
	PRINT("flag", VRING_PACKED_DESC_F_AVAIL);
	PRINT("flag", VRING_PACKED_DESC_F_USED);
	PRINT("flag", VRING_PACKED_EVENT_FLAG_ENABLE);
	PRINT("flag", VRING_PACKED_EVENT_FLAG_DISABLE);
	PRINT("flag", VRING_PACKED_EVENT_FLAG_DESC);
	PRINT("flag", VRING_PACKED_EVENT_F_WRAP_CTR);
}

static void print_features(void)
{
	PRINT("feature", VIRTIO_RING_F_INDIRECT_DESC);
	PRINT("feature", VIRTIO_RING_F_EVENT_IDX);
	PRINT("feature", VIRTIO_F_VERSION_1);
#ifdef VIRTIO_F_ACCESS_PLATFORM
	PRINT("feature", VIRTIO_F_ACCESS_PLATFORM);
#endif
#ifdef VIRTIO_F_RING_PACKED
	PRINT("feature", VIRTIO_F_RING_PACKED);
#endif
#ifdef VIRTIO_F_IN_ORDER
	PRINT("feature", VIRTIO_F_IN_ORDER);
#endif
#ifdef VIRTIO_F_ORDER_PLATFORM
	PRINT("feature", VIRTIO_F_ORDER_PLATFORM);
#endif
#ifdef VIRTIO_F_SR_IOV
	PRINT("feature", VIRTIO_F_SR_IOV);
#endif
#ifdef VIRTIO_F_NOTIFICATION_DATA
	PRINT("feature", VIRTIO_F_NOTIFICATION_DATA);
#endif
#ifdef VIRTIO_F_NOTIF_CONFIG_DATA
	PRINT("feature", VIRTIO_F_NOTIF_CONFIG_DATA);
#endif
#ifdef VIRTIO_F_RING_RESET
	PRINT("feature", VIRTIO_F_RING_RESET);
#endif
}

static void print_status(void)
{
	PRINT("status", VIRTIO_CONFIG_S_ACKNOWLEDGE);
	PRINT("status", VIRTIO_CONFIG_S_DRIVER);
	PRINT("status", VIRTIO_CONFIG_S_DRIVER_OK);
	PRINT("status", VIRTIO_CONFIG_S_FEATURES_OK);
#ifdef VIRTIO_CONFIG_S_SUSPEND
	PRINT("status", VIRTIO_CONFIG_S_SUSPEND);
#endif
	PRINT("status", VIRTIO_CONFIG_S_NEEDS_RESET);
	PRINT("status", VIRTIO_CONFIG_S_FAILED);
}

static void print_mmio(void)
{
	PRINT("mmio", VIRTIO_MMIO_MAGIC_VALUE);
	PRINT("mmio", VIRTIO_MMIO_VERSION);
	PRINT("mmio", VIRTIO_MMIO_DEVICE_ID);
	PRINT("mmio", VIRTIO_MMIO_VENDOR_ID);
	PRINT("mmio", VIRTIO_MMIO_DEVICE_FEATURES);
	PRINT("mmio", VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	PRINT("mmio", VIRTIO_MMIO_DRIVER_FEATURES);
	PRINT("mmio", VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	PRINT("mmio", VIRTIO_MMIO_GUEST_PAGE_SIZE);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_SEL);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_NUM_MAX);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_NUM);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_ALIGN);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_PFN);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_READY);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_NOTIFY);
	PRINT("mmio", VIRTIO_MMIO_INTERRUPT_STATUS);
	PRINT("mmio", VIRTIO_MMIO_INTERRUPT_ACK);
	PRINT("mmio", VIRTIO_MMIO_STATUS);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_DESC_LOW);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_DESC_HIGH);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_AVAIL_LOW);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_AVAIL_HIGH);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_USED_LOW);
	PRINT("mmio", VIRTIO_MMIO_QUEUE_USED_HIGH);
#ifdef VIRTIO_MMIO_SHM_SEL
	PRINT("mmio", VIRTIO_MMIO_SHM_SEL);
	PRINT("mmio", VIRTIO_MMIO_SHM_LEN_LOW);
	PRINT("mmio", VIRTIO_MMIO_SHM_LEN_HIGH);
	PRINT("mmio", VIRTIO_MMIO_SHM_BASE_LOW);
	PRINT("mmio", VIRTIO_MMIO_SHM_BASE_HIGH);
#endif
#ifdef VIRTIO_MMIO_QUEUE_RESET
	PRINT("mmio", VIRTIO_MMIO_QUEUE_RESET);
#endif
	PRINT("mmio", VIRTIO_MMIO_CONFIG_GENERATION);
	PRINT("mmio", VIRTIO_MMIO_CONFIG);
	PRINT("mmio", VIRTIO_MMIO_INT_VRING);
	PRINT("mmio", VIRTIO_MMIO_INT_CONFIG);
}

static void print_device_ids(void)
{
	PRINT("device_id", VIRTIO_ID_NET);
	PRINT("device_id", VIRTIO_ID_BLOCK);
	PRINT("device_id", VIRTIO_ID_CONSOLE);
	PRINT("device_id", VIRTIO_ID_RNG);
	PRINT("device_id", VIRTIO_ID_BALLOON);
	PRINT("device_id", VIRTIO_ID_SCSI);
	PRINT("device_id", VIRTIO_ID_9P);
	PRINT("device_id", VIRTIO_ID_GPU);
	PRINT("device_id", VIRTIO_ID_INPUT);
	PRINT("device_id", VIRTIO_ID_VSOCK);
	PRINT("device_id", VIRTIO_ID_CRYPTO);
#ifdef VIRTIO_ID_IOMMU
	PRINT("device_id", VIRTIO_ID_IOMMU);
#endif
#ifdef VIRTIO_ID_MEM
	PRINT("device_id", VIRTIO_ID_MEM);
#endif
#ifdef VIRTIO_ID_SOUND
	PRINT("device_id", VIRTIO_ID_SOUND);
#endif
#ifdef VIRTIO_ID_FS
	PRINT("device_id", VIRTIO_ID_FS);
#endif
#ifdef VIRTIO_ID_PMEM
	PRINT("device_id", VIRTIO_ID_PMEM);
#endif
#ifdef VIRTIO_ID_RPMB
	PRINT("device_id", VIRTIO_ID_RPMB);
#endif
#ifdef VIRTIO_ID_SCMI
	PRINT("device_id", VIRTIO_ID_SCMI);
#endif
#ifdef VIRTIO_ID_I2C_ADAPTER
	PRINT("device_id", VIRTIO_ID_I2C_ADAPTER);
#endif
#ifdef VIRTIO_ID_GPIO
	PRINT("device_id", VIRTIO_ID_GPIO);
#endif
}

static void print_vring_sizes(void)
{
	static const unsigned nums[] = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 32768 };
	static const unsigned long aligns[] = { 4096, 64, 4 };
	for (size_t a = 0; a < sizeof aligns / sizeof aligns[0]; a++) {
		unsigned long align = aligns[a];
		for (size_t n = 0; n < sizeof nums / sizeof nums[0]; n++) {
			unsigned num = nums[n];
			size_t bytes = vring_size(num, align);
			struct vring vr;
			void *p = aligned_alloc(align, (bytes + align - 1) & ~(size_t)(align - 1));
			if (p == NULL) {
				fprintf(stderr, "out of memory\n");
				exit(2);
			}
			vring_init(&vr, num, p, align);
			printf("vring_size.%u.%lu=%zu\n", num, align, bytes);
			printf("vring_init.%u.%lu.avail=%td\n", num, align, (char *)vr.avail - (char *)vr.desc);
			printf("vring_init.%u.%lu.used=%td\n", num, align, (char *)vr.used - (char *)vr.desc);
			printf("vring_init.%u.%lu.used_event=%td\n", num, align, (char *)&vring_used_event(&vr) - (char *)vr.avail);
			printf("vring_init.%u.%lu.avail_event=%td\n", num, align, (char *)&vring_avail_event(&vr) - (char *)vr.used);
			free(p);
		}
	}
}

static void print_need_event(uint16_t event, uint16_t new_idx, uint16_t old)
{
	printf("need_event.%u.%u.%u=%d\n", event, new_idx, old, vring_need_event(event, new_idx, old) ? 1 : 0);
}

/* A fixed LCG (Numerical Recipes constants), so the triples are the same on every run and machine. */
static uint32_t lcg_state = 20240613u;

static uint16_t lcg16(void)
{
	lcg_state = lcg_state * 1664525u + 1013904223u;
	return (uint16_t)(lcg_state >> 16);
}

static void print_need_event_table(void)
{
	/* Edge cases: the spec examples, equal indexes, and every wrap of the 16-bit arithmetic. */
	static const uint16_t edges[][3] = {
		{ 5, 6, 5 }, { 5, 10, 6 }, { 5, 5, 4 }, { 65535, 1, 65534 },
		{ 0, 0, 0 }, { 0, 1, 0 }, { 1, 1, 0 }, { 0, 0, 65535 }, { 65535, 0, 65535 },
		{ 65534, 0, 65535 }, { 65535, 65535, 65535 }, { 0, 65535, 0 }, { 32768, 32769, 32768 },
		{ 100, 200, 100 }, { 199, 200, 100 }, { 200, 200, 100 }, { 99, 200, 100 },
		{ 65530, 4, 65528 }, { 3, 4, 65528 }, { 4, 4, 65528 }, { 65527, 4, 65528 },
		{ 7, 7, 7 }, { 6, 7, 7 }, { 32767, 0, 32768 }, { 32768, 0, 32768 },
	};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) print_need_event(edges[i][0], edges[i][1], edges[i][2]);

	/* 2048 uniform triples, and 2048 realistic ones: new a little past old, event near old. */
	for (int i = 0; i < 2048; i++) {
		uint16_t event = lcg16(), new_idx = lcg16(), old = lcg16();
		print_need_event(event, new_idx, old);
	}
	for (int i = 0; i < 2048; i++) {
		uint16_t old = lcg16();
		uint16_t new_idx = (uint16_t)(old + (lcg16() % 300));
		uint16_t event = (uint16_t)(old + (lcg16() % 600) - 150);
		print_need_event(event, new_idx, old);
	}
}

int main(void)
{
	print_layout();
	print_entry_offsets();
	print_flags();
	print_features();
	print_status();
	print_mmio();
	print_device_ids();
	print_vring_sizes();
	print_need_event_table();
	return ferror(stdout) ? 1 : 0;
}
