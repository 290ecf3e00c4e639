using System.Buffers.Binary;
using Sim.Devices.Gpio;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.Gpio;

/// <summary>
/// <see cref="GpioLayout"/> against Linux: <c>linux_virtio_gpio_golden.c</c> (copied next to the test assembly under
/// Golden/), compiled with gcc against /usr/include/linux/virtio_gpio.h and virtio_ids.h, prints every struct's size,
/// every field's offset (the flexible array <c>value[]</c> of the names response included) and every constant of the
/// header; every line must have a C# counterpart equal to it, every counterpart must be printed, and every name the
/// installed header defines must be among the printed lines.
/// </summary>
public sealed class GpioLayoutGoldenTests
{
    private const string Source = "linux_virtio_gpio_golden.c";

    /// <summary>Linux key → the simulator's value.</summary>
    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["layout.sizeof.virtio_gpio_config"] = GpioLayout.Config.Size,
        ["layout.offsetof.virtio_gpio_config.ngpio"] = GpioLayout.Config.Ngpio,
        ["layout.offsetof.virtio_gpio_config.padding"] = GpioLayout.Config.Padding,
        ["layout.offsetof.virtio_gpio_config.gpio_names_size"] = GpioLayout.Config.GpioNamesSize,
        ["layout.sizeof.virtio_gpio_request"] = GpioLayout.Request.Size,
        ["layout.offsetof.virtio_gpio_request.type"] = GpioLayout.Request.Type,
        ["layout.offsetof.virtio_gpio_request.gpio"] = GpioLayout.Request.Gpio,
        ["layout.offsetof.virtio_gpio_request.value"] = GpioLayout.Request.Value,
        ["layout.sizeof.virtio_gpio_response"] = GpioLayout.Response.Size,
        ["layout.offsetof.virtio_gpio_response.status"] = GpioLayout.Response.Status,
        ["layout.offsetof.virtio_gpio_response.value"] = GpioLayout.Response.Value,
        ["layout.sizeof.virtio_gpio_response_get_names"] = GpioLayout.ResponseGetNames.Size,
        ["layout.offsetof.virtio_gpio_response_get_names.status"] = GpioLayout.ResponseGetNames.Status,
        ["layout.offsetof.virtio_gpio_response_get_names.value"] = GpioLayout.ResponseGetNames.Value,
        ["layout.sizeof.virtio_gpio_irq_request"] = GpioLayout.IrqRequest.Size,
        ["layout.offsetof.virtio_gpio_irq_request.gpio"] = GpioLayout.IrqRequest.Gpio,
        ["layout.sizeof.virtio_gpio_irq_response"] = GpioLayout.IrqResponse.Size,
        ["layout.offsetof.virtio_gpio_irq_response.status"] = GpioLayout.IrqResponse.Status,
        ["id.VIRTIO_ID_GPIO"] = GpioLayout.DeviceId,
        ["feature.VIRTIO_GPIO_F_IRQ"] = GpioLayout.FeatureIrq,
        ["msg.VIRTIO_GPIO_MSG_GET_NAMES"] = GpioLayout.MsgGetNames,
        ["msg.VIRTIO_GPIO_MSG_GET_DIRECTION"] = GpioLayout.MsgGetDirection,
        ["msg.VIRTIO_GPIO_MSG_SET_DIRECTION"] = GpioLayout.MsgSetDirection,
        ["msg.VIRTIO_GPIO_MSG_GET_VALUE"] = GpioLayout.MsgGetValue,
        ["msg.VIRTIO_GPIO_MSG_SET_VALUE"] = GpioLayout.MsgSetValue,
        ["msg.VIRTIO_GPIO_MSG_IRQ_TYPE"] = GpioLayout.MsgIrqType,
        ["status.VIRTIO_GPIO_STATUS_OK"] = GpioLayout.StatusOk,
        ["status.VIRTIO_GPIO_STATUS_ERR"] = GpioLayout.StatusErr,
        ["direction.VIRTIO_GPIO_DIRECTION_NONE"] = GpioLayout.DirectionNone,
        ["direction.VIRTIO_GPIO_DIRECTION_OUT"] = GpioLayout.DirectionOut,
        ["direction.VIRTIO_GPIO_DIRECTION_IN"] = GpioLayout.DirectionIn,
        ["irq_type.VIRTIO_GPIO_IRQ_TYPE_NONE"] = GpioLayout.IrqTypeNone,
        ["irq_type.VIRTIO_GPIO_IRQ_TYPE_EDGE_RISING"] = GpioLayout.IrqTypeEdgeRising,
        ["irq_type.VIRTIO_GPIO_IRQ_TYPE_EDGE_FALLING"] = GpioLayout.IrqTypeEdgeFalling,
        ["irq_type.VIRTIO_GPIO_IRQ_TYPE_EDGE_BOTH"] = GpioLayout.IrqTypeEdgeBoth,
        ["irq_type.VIRTIO_GPIO_IRQ_TYPE_LEVEL_HIGH"] = GpioLayout.IrqTypeLevelHigh,
        ["irq_type.VIRTIO_GPIO_IRQ_TYPE_LEVEL_LOW"] = GpioLayout.IrqTypeLevelLow,
        ["irq_status.VIRTIO_GPIO_IRQ_STATUS_INVALID"] = GpioLayout.IrqStatusInvalid,
        ["irq_status.VIRTIO_GPIO_IRQ_STATUS_VALID"] = GpioLayout.IrqStatusValid,
    };

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(() => GoldenLines.Load(Source));

    [Fact]
    public void Every_line_linux_prints_has_a_gpio_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: Counterparts.Count);
    }

    [Fact]
    public void Every_gpio_constant_is_printed_by_the_golden_program()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, new HashSet<string>(), Source);
        Assert.Equal(Counterparts.Count, LazyLines.Value.Count);
    }

    [Fact]
    public void Every_struct_field_and_constant_of_the_installed_header_is_printed()
    {
        var header = UapiHeaderNames.Read("virtio_gpio.h", "VIRTIO_GPIO_");
        var missing = header.NotPrintedBy(LazyLines.Value.Select(l => l.Key));
        Assert.True(missing.Count == 0, $"virtio_gpio.h defines what {Source} does not print: {string.Join(", ", missing)}");
        Assert.True(header.Structs.Count >= 6 && header.Constants.Count >= 20, $"{header.Structs.Count} structs, {header.Constants.Count} constants");
    }

    [Fact]
    public void A_set_direction_request_written_at_the_constants_offsets_has_the_little_endian_bytes_of_the_spec()
    {
        var request = new byte[GpioLayout.Request.Size];
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(GpioLayout.Request.Type), GpioLayout.MsgSetDirection);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(GpioLayout.Request.Gpio), 0x0105);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(GpioLayout.Request.Value), GpioLayout.DirectionOut);
        Assert.Equal(new byte[] { 0x03, 0x00, 0x05, 0x01, 0x01, 0x00, 0x00, 0x00 }, request);
    }

    [Fact]
    public void A_config_space_image_reads_back_at_the_constants_offsets()
    {
        byte[] config = [0x20, 0x00, 0xAA, 0xBB, 0x34, 0x12, 0x00, 0x00];
        Assert.Equal(GpioLayout.Config.Size, config.Length);
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(config.AsSpan(GpioLayout.Config.Ngpio)));
        Assert.Equal(0x1234u, BinaryPrimitives.ReadUInt32LittleEndian(config.AsSpan(GpioLayout.Config.GpioNamesSize)));
        Assert.Equal(GpioLayout.ResponseGetNames.Size, GpioLayout.ResponseGetNames.Value);
    }
}
