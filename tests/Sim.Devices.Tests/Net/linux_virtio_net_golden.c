/*
 * Golden values from the Linux UAPI virtio-net header (/usr/include/linux/virtio_net.h), printed as "key=value" lines
 * (decimal) for NetLayoutGoldenTests to compare with Sim.Devices.Net.NetLayout and NetFeatures.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   virtio_net_hdr_v1, virtio_net_config, virtio_net_ctrl_hdr,
 *                                                          virtio_net_ctrl_mq
 *   flag.NAME, gso.NAME, status.NAME, feature.NAME,       VIRTIO_NET_HDR_F_*, VIRTIO_NET_HDR_GSO_*, VIRTIO_NET_S_*,
 *   ctrl.NAME, const.NAME                                 VIRTIO_NET_F_* (bit numbers), control classes, commands and
 *                                                          acks, other constants; only those the header defines
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_net_golden linux_virtio_net_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_net.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT_SIZEOF(virtio_net_hdr_v1);
	PRINT_OFFSETOF(virtio_net_hdr_v1, flags);
	PRINT_OFFSETOF(virtio_net_hdr_v1, gso_type);
	PRINT_OFFSETOF(virtio_net_hdr_v1, hdr_len);
	PRINT_OFFSETOF(virtio_net_hdr_v1, gso_size);
	PRINT_OFFSETOF(virtio_net_hdr_v1, csum_start);
	PRINT_OFFSETOF(virtio_net_hdr_v1, csum_offset);
	PRINT_OFFSETOF(virtio_net_hdr_v1, num_buffers);

	PRINT_OFFSETOF(virtio_net_config, mac);
	PRINT_OFFSETOF(virtio_net_config, status);
	PRINT_OFFSETOF(virtio_net_config, max_virtqueue_pairs);
	PRINT_OFFSETOF(virtio_net_config, mtu);
	PRINT_OFFSETOF(virtio_net_config, speed);
	PRINT_OFFSETOF(virtio_net_config, duplex);
#ifdef VIRTIO_NET_F_RSS
	/* the size with every field up to supported_hash_types; older headers end after duplex */
	PRINT_SIZEOF(virtio_net_config);
	PRINT_OFFSETOF(virtio_net_config, rss_max_key_size);
	PRINT_OFFSETOF(virtio_net_config, rss_max_indirection_table_length);
	PRINT_OFFSETOF(virtio_net_config, supported_hash_types);
#endif

	PRINT_SIZEOF(virtio_net_ctrl_hdr);
	PRINT_OFFSETOF(virtio_net_ctrl_hdr, class);
	PRINT_OFFSETOF(virtio_net_ctrl_hdr, cmd);
	PRINT_SIZEOF(virtio_net_ctrl_mq);
	PRINT_OFFSETOF(virtio_net_ctrl_mq, virtqueue_pairs);

	PRINT("flag", VIRTIO_NET_HDR_F_NEEDS_CSUM);
	PRINT("flag", VIRTIO_NET_HDR_F_DATA_VALID);
	PRINT("flag", VIRTIO_NET_HDR_F_RSC_INFO);

	PRINT("gso", VIRTIO_NET_HDR_GSO_NONE);
	PRINT("gso", VIRTIO_NET_HDR_GSO_TCPV4);
	PRINT("gso", VIRTIO_NET_HDR_GSO_UDP);
	PRINT("gso", VIRTIO_NET_HDR_GSO_TCPV6);
#ifdef VIRTIO_NET_HDR_GSO_UDP_L4
	PRINT("gso", VIRTIO_NET_HDR_GSO_UDP_L4);
#endif
	PRINT("gso", VIRTIO_NET_HDR_GSO_ECN);

	PRINT("status", VIRTIO_NET_S_LINK_UP);
	PRINT("status", VIRTIO_NET_S_ANNOUNCE);

	PRINT("feature", VIRTIO_NET_F_CSUM);
	PRINT("feature", VIRTIO_NET_F_GUEST_CSUM);
	PRINT("feature", VIRTIO_NET_F_MTU);
	PRINT("feature", VIRTIO_NET_F_MAC);
	PRINT("feature", VIRTIO_NET_F_GUEST_TSO4);
	PRINT("feature", VIRTIO_NET_F_GUEST_TSO6);
	PRINT("feature", VIRTIO_NET_F_GUEST_ECN);
	PRINT("feature", VIRTIO_NET_F_GUEST_UFO);
	PRINT("feature", VIRTIO_NET_F_HOST_TSO4);
	PRINT("feature", VIRTIO_NET_F_HOST_TSO6);
	PRINT("feature", VIRTIO_NET_F_HOST_ECN);
	PRINT("feature", VIRTIO_NET_F_HOST_UFO);
	PRINT("feature", VIRTIO_NET_F_MRG_RXBUF);
	PRINT("feature", VIRTIO_NET_F_STATUS);
	PRINT("feature", VIRTIO_NET_F_CTRL_VQ);
	PRINT("feature", VIRTIO_NET_F_MQ);
#ifdef VIRTIO_NET_F_HOST_USO
	PRINT("feature", VIRTIO_NET_F_HOST_USO);
#endif
#ifdef VIRTIO_NET_F_RSS
	PRINT("feature", VIRTIO_NET_F_RSS);
#endif
	PRINT("feature", VIRTIO_NET_F_SPEED_DUPLEX);

	PRINT("ctrl", VIRTIO_NET_OK);
	PRINT("ctrl", VIRTIO_NET_ERR);
	PRINT("ctrl", VIRTIO_NET_CTRL_MQ);
	PRINT("ctrl", VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET);
	PRINT("ctrl", VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MIN);
	PRINT("ctrl", VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MAX);

	PRINT("const", ETH_ALEN);
	return 0;
}
