/*
 * Golden values from the Linux UAPI header /usr/include/linux/virtio_gpio.h (and virtio_ids.h for the device id), printed
 * as "key=value" lines (decimal) for GpioLayoutGoldenTests to compare with Sim.Devices.Gpio.GpioLayout.
 *
 * Key families:
 *   layout.sizeof.STRUCT, layout.offsetof.STRUCT.FIELD   every struct of the header and every field (FIELD may be a
 *                                                         nested member such as hdr.stream_id)
 *   FAMILY.NAME                                          every #define and enum constant, FAMILY one of:
 *                                                         id, feature, msg, status, direction, irq_type, irq_status
 *
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_virtio_gpio_golden linux_virtio_gpio_golden.c
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_gpio.h>

#define PRINT_SIZEOF(s) printf("layout.sizeof.%s=%zu\n", #s, sizeof(struct s))
#define PRINT_OFFSETOF(s, f) printf("layout.offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define PRINT(family, name) printf("%s.%s=%llu\n", family, #name, (unsigned long long)(name))

int main(void)
{
	PRINT_SIZEOF(virtio_gpio_config);
	PRINT_OFFSETOF(virtio_gpio_config, ngpio);
	PRINT_OFFSETOF(virtio_gpio_config, padding);
	PRINT_OFFSETOF(virtio_gpio_config, gpio_names_size);

	PRINT_SIZEOF(virtio_gpio_request);
	PRINT_OFFSETOF(virtio_gpio_request, type);
	PRINT_OFFSETOF(virtio_gpio_request, gpio);
	PRINT_OFFSETOF(virtio_gpio_request, value);

	PRINT_SIZEOF(virtio_gpio_response);
	PRINT_OFFSETOF(virtio_gpio_response, status);
	PRINT_OFFSETOF(virtio_gpio_response, value);

	PRINT_SIZEOF(virtio_gpio_response_get_names);
	PRINT_OFFSETOF(virtio_gpio_response_get_names, status);
	PRINT_OFFSETOF(virtio_gpio_response_get_names, value);

	PRINT_SIZEOF(virtio_gpio_irq_request);
	PRINT_OFFSETOF(virtio_gpio_irq_request, gpio);

	PRINT_SIZEOF(virtio_gpio_irq_response);
	PRINT_OFFSETOF(virtio_gpio_irq_response, status);

	PRINT("id", VIRTIO_ID_GPIO);

	PRINT("feature", VIRTIO_GPIO_F_IRQ);

	PRINT("msg", VIRTIO_GPIO_MSG_GET_NAMES);
	PRINT("msg", VIRTIO_GPIO_MSG_GET_DIRECTION);
	PRINT("msg", VIRTIO_GPIO_MSG_SET_DIRECTION);
	PRINT("msg", VIRTIO_GPIO_MSG_GET_VALUE);
	PRINT("msg", VIRTIO_GPIO_MSG_SET_VALUE);
	PRINT("msg", VIRTIO_GPIO_MSG_IRQ_TYPE);

	PRINT("status", VIRTIO_GPIO_STATUS_OK);
	PRINT("status", VIRTIO_GPIO_STATUS_ERR);

	PRINT("direction", VIRTIO_GPIO_DIRECTION_NONE);
	PRINT("direction", VIRTIO_GPIO_DIRECTION_OUT);
	PRINT("direction", VIRTIO_GPIO_DIRECTION_IN);

	PRINT("irq_type", VIRTIO_GPIO_IRQ_TYPE_NONE);
	PRINT("irq_type", VIRTIO_GPIO_IRQ_TYPE_EDGE_RISING);
	PRINT("irq_type", VIRTIO_GPIO_IRQ_TYPE_EDGE_FALLING);
	PRINT("irq_type", VIRTIO_GPIO_IRQ_TYPE_EDGE_BOTH);
	PRINT("irq_type", VIRTIO_GPIO_IRQ_TYPE_LEVEL_HIGH);
	PRINT("irq_type", VIRTIO_GPIO_IRQ_TYPE_LEVEL_LOW);

	PRINT("irq_status", VIRTIO_GPIO_IRQ_STATUS_INVALID);
	PRINT("irq_status", VIRTIO_GPIO_IRQ_STATUS_VALID);
	return 0;
}
