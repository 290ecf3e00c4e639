/*
 * Golden values from the Linux UAPI header /usr/include/linux/virtio_i2c.h (and virtio_ids.h for the device id), printed
 * as "key=value" lines (decimal) for I2cLayoutGoldenTests to compare with Sim.Devices.I2c.I2cLayout.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   every struct of the header and every field (FIELD may be a
 *                                                         nested member such as hdr.stream_id)
 *   FAMILY.NAME                                          every #define and enum constant, FAMILY one of:
 *                                                         id, feature, flag, status
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_i2c_golden linux_virtio_i2c_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_i2c.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT_SIZEOF(virtio_i2c_out_hdr);
	PRINT_OFFSETOF(virtio_i2c_out_hdr, addr);
	PRINT_OFFSETOF(virtio_i2c_out_hdr, padding);
	PRINT_OFFSETOF(virtio_i2c_out_hdr, flags);

	PRINT_SIZEOF(virtio_i2c_in_hdr);
	PRINT_OFFSETOF(virtio_i2c_in_hdr, status);

	PRINT("id", VIRTIO_ID_I2C_ADAPTER);

	PRINT("feature", VIRTIO_I2C_F_ZERO_LENGTH_REQUEST);

	PRINT("flag", VIRTIO_I2C_FLAGS_FAIL_NEXT);
	PRINT("flag", VIRTIO_I2C_FLAGS_M_RD);

	PRINT("status", VIRTIO_I2C_MSG_OK);
	PRINT("status", VIRTIO_I2C_MSG_ERR);
	return 0;
}
