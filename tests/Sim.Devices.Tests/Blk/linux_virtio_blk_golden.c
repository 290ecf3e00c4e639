/*
 * Golden values from the Linux UAPI virtio-blk header (/usr/include/linux/virtio_blk.h), printed as "key=value" lines
 * (decimal) for BlkLayoutGoldenTests to compare with Sim.Devices.Blk.BlkLayout and BlkFeatures.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   virtio_blk_outhdr, virtio_blk_discard_write_zeroes,
 *                                                          virtio_blk_config (nested geometry fields as geometry.x)
 *   type.NAME, status.NAME, feature.NAME, const.NAME      VIRTIO_BLK_T_*, VIRTIO_BLK_S_*, VIRTIO_BLK_F_* (bit numbers),
 *                                                          other constants; only those the header defines
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_blk_golden linux_virtio_blk_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_blk.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT_SIZEOF(virtio_blk_outhdr);
	PRINT_OFFSETOF(virtio_blk_outhdr, type);
	PRINT_OFFSETOF(virtio_blk_outhdr, ioprio);
	PRINT_OFFSETOF(virtio_blk_outhdr, sector);

	PRINT_SIZEOF(virtio_blk_discard_write_zeroes);
	PRINT_OFFSETOF(virtio_blk_discard_write_zeroes, sector);
	PRINT_OFFSETOF(virtio_blk_discard_write_zeroes, num_sectors);
	PRINT_OFFSETOF(virtio_blk_discard_write_zeroes, flags);

	PRINT_SIZEOF(virtio_blk_config);
	PRINT_OFFSETOF(virtio_blk_config, capacity);
	PRINT_OFFSETOF(virtio_blk_config, size_max);
	PRINT_OFFSETOF(virtio_blk_config, seg_max);
	PRINT_OFFSETOF(virtio_blk_config, geometry.cylinders);
	PRINT_OFFSETOF(virtio_blk_config, geometry.heads);
	PRINT_OFFSETOF(virtio_blk_config, geometry.sectors);
	PRINT_OFFSETOF(virtio_blk_config, blk_size);
	PRINT_OFFSETOF(virtio_blk_config, physical_block_exp);
	PRINT_OFFSETOF(virtio_blk_config, alignment_offset);
	PRINT_OFFSETOF(virtio_blk_config, min_io_size);
	PRINT_OFFSETOF(virtio_blk_config, opt_io_size);
	PRINT_OFFSETOF(virtio_blk_config, wce);
	PRINT_OFFSETOF(virtio_blk_config, num_queues);
	PRINT_OFFSETOF(virtio_blk_config, max_discard_sectors);
	PRINT_OFFSETOF(virtio_blk_config, max_discard_seg);
	PRINT_OFFSETOF(virtio_blk_config, discard_sector_alignment);
	PRINT_OFFSETOF(virtio_blk_config, max_write_zeroes_sectors);
	PRINT_OFFSETOF(virtio_blk_config, max_write_zeroes_seg);
	PRINT_OFFSETOF(virtio_blk_config, write_zeroes_may_unmap);
#ifdef VIRTIO_BLK_F_SECURE_ERASE
	PRINT_OFFSETOF(virtio_blk_config, max_secure_erase_sectors);
	PRINT_OFFSETOF(virtio_blk_config, max_secure_erase_seg);
	PRINT_OFFSETOF(virtio_blk_config, secure_erase_sector_alignment);
#endif

	PRINT("type", VIRTIO_BLK_T_IN);
	PRINT("type", VIRTIO_BLK_T_OUT);
	PRINT("type", VIRTIO_BLK_T_FLUSH);
	PRINT("type", VIRTIO_BLK_T_GET_ID);
#ifdef VIRTIO_BLK_T_GET_LIFETIME
	PRINT("type", VIRTIO_BLK_T_GET_LIFETIME);
#endif
#ifdef VIRTIO_BLK_T_DISCARD
	PRINT("type", VIRTIO_BLK_T_DISCARD);
#endif
#ifdef VIRTIO_BLK_T_WRITE_ZEROES
	PRINT("type", VIRTIO_BLK_T_WRITE_ZEROES);
#endif
#ifdef VIRTIO_BLK_T_SECURE_ERASE
	PRINT("type", VIRTIO_BLK_T_SECURE_ERASE);
#endif

	PRINT("status", VIRTIO_BLK_S_OK);
	PRINT("status", VIRTIO_BLK_S_IOERR);
	PRINT("status", VIRTIO_BLK_S_UNSUPP);

	PRINT("feature", VIRTIO_BLK_F_SIZE_MAX);
	PRINT("feature", VIRTIO_BLK_F_SEG_MAX);
	PRINT("feature", VIRTIO_BLK_F_GEOMETRY);
	PRINT("feature", VIRTIO_BLK_F_RO);
	PRINT("feature", VIRTIO_BLK_F_BLK_SIZE);
	PRINT("feature", VIRTIO_BLK_F_FLUSH);
	PRINT("feature", VIRTIO_BLK_F_TOPOLOGY);
	PRINT("feature", VIRTIO_BLK_F_CONFIG_WCE);
	PRINT("feature", VIRTIO_BLK_F_MQ);
#ifdef VIRTIO_BLK_F_DISCARD
	PRINT("feature", VIRTIO_BLK_F_DISCARD);
#endif
#ifdef VIRTIO_BLK_F_WRITE_ZEROES
	PRINT("feature", VIRTIO_BLK_F_WRITE_ZEROES);
#endif
#ifdef VIRTIO_BLK_F_SECURE_ERASE
	PRINT("feature", VIRTIO_BLK_F_SECURE_ERASE);
#endif

	PRINT("const", VIRTIO_BLK_ID_BYTES);
#ifdef VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP
	PRINT("const", VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP);
#endif
	return 0;
}
