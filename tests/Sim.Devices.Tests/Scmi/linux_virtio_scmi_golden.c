/*
 * Golden values from the Linux UAPI virtio-scmi header (/usr/include/linux/virtio_scmi.h) and the device id from
 * virtio_ids.h, printed as "key=value" lines (decimal) for ScmiVirtioLayoutGoldenTests to compare with
 * Sim.Devices.Scmi.ScmiVirtioLayout.
 *
 * Key families:
 *   feature.NAME   VIRTIO_SCMI_F_* (bit numbers)
 *   vq.NAME        VIRTIO_SCMI_VQ_* (queue indices and count)
 *   id.NAME        VIRTIO_ID_SCMI
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_scmi_golden linux_virtio_scmi_golden.c
 */
#include <stdio.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_scmi.h>

#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT("feature", VIRTIO_SCMI_F_P2A_CHANNELS);
	PRINT("feature", VIRTIO_SCMI_F_SHARED_MEMORY);

	PRINT("vq", VIRTIO_SCMI_VQ_TX);
	PRINT("vq", VIRTIO_SCMI_VQ_RX);
	PRINT("vq", VIRTIO_SCMI_VQ_MAX_CNT);

	PRINT("id", VIRTIO_ID_SCMI);
	return 0;
}
