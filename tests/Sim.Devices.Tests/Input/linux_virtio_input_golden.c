/*
 * Golden values from the Linux UAPI virtio-input header (/usr/include/linux/virtio_input.h) and the input event codes
 * (linux/input-event-codes.h, linux/input.h), printed as "key=value" lines (decimal) for InputLayoutGoldenTests to
 * compare with Sim.Devices.Input.InputLayout and InputCodes.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   virtio_input_config (and its union), virtio_input_absinfo,
 *                                                          virtio_input_devids, virtio_input_event
 *   cfg.NAME                                              enum virtio_input_config_select
 *   code.NAME                                             EV_*, SYN_*, BTN_TOUCH, KEY_VOLUMEUP, REL_DIAL, ABS_*,
 *                                                          MSC_TIMESTAMP, LED_NUML, INPUT_PROP_DIRECT, BUS_VIRTUAL
 *   const.VIRTIO_ID_INPUT                                 the device ID
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_input_golden linux_virtio_input_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/input.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_input.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT_SIZEOF(virtio_input_config);
	PRINT_OFFSETOF(virtio_input_config, select);
	PRINT_OFFSETOF(virtio_input_config, subsel);
	PRINT_OFFSETOF(virtio_input_config, size);
	PRINT_OFFSETOF(virtio_input_config, reserved);
	PRINT_OFFSETOF(virtio_input_config, u);
	printf("layout.sizeof.virtio_input_config.u=%zu\n", sizeof(((struct virtio_input_config *)0)->u));

	PRINT_SIZEOF(virtio_input_absinfo);
	PRINT_OFFSETOF(virtio_input_absinfo, min);
	PRINT_OFFSETOF(virtio_input_absinfo, max);
	PRINT_OFFSETOF(virtio_input_absinfo, fuzz);
	PRINT_OFFSETOF(virtio_input_absinfo, flat);
	PRINT_OFFSETOF(virtio_input_absinfo, res);

	PRINT_SIZEOF(virtio_input_devids);
	PRINT_OFFSETOF(virtio_input_devids, bustype);
	PRINT_OFFSETOF(virtio_input_devids, vendor);
	PRINT_OFFSETOF(virtio_input_devids, product);
	PRINT_OFFSETOF(virtio_input_devids, version);

	PRINT_SIZEOF(virtio_input_event);
	PRINT_OFFSETOF(virtio_input_event, type);
	PRINT_OFFSETOF(virtio_input_event, code);
	PRINT_OFFSETOF(virtio_input_event, value);

	PRINT("cfg", VIRTIO_INPUT_CFG_UNSET);
	PRINT("cfg", VIRTIO_INPUT_CFG_ID_NAME);
	PRINT("cfg", VIRTIO_INPUT_CFG_ID_SERIAL);
	PRINT("cfg", VIRTIO_INPUT_CFG_ID_DEVIDS);
	PRINT("cfg", VIRTIO_INPUT_CFG_PROP_BITS);
	PRINT("cfg", VIRTIO_INPUT_CFG_EV_BITS);
	PRINT("cfg", VIRTIO_INPUT_CFG_ABS_INFO);

	PRINT("code", EV_SYN);
	PRINT("code", EV_KEY);
	PRINT("code", EV_REL);
	PRINT("code", EV_ABS);
	PRINT("code", EV_MSC);
	PRINT("code", EV_SW);
	PRINT("code", EV_LED);
	PRINT("code", EV_SND);
	PRINT("code", EV_REP);
	PRINT("code", EV_MAX);
	PRINT("code", SYN_REPORT);
	PRINT("code", SYN_DROPPED);
	PRINT("code", BTN_TOUCH);
	PRINT("code", KEY_VOLUMEUP);
	PRINT("code", REL_DIAL);
	PRINT("code", ABS_X);
	PRINT("code", ABS_Y);
	PRINT("code", ABS_MT_SLOT);
	PRINT("code", ABS_MT_POSITION_X);
	PRINT("code", ABS_MT_POSITION_Y);
	PRINT("code", ABS_MT_TRACKING_ID);
	PRINT("code", MSC_TIMESTAMP);
	PRINT("code", LED_NUML);
	PRINT("code", INPUT_PROP_DIRECT);
	PRINT("code", BUS_VIRTUAL);

	PRINT("const", VIRTIO_ID_INPUT);
	return 0;
}
