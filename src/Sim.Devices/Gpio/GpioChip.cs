using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Gpio;

/// <summary>
/// The GPIO controller behind a virtio-gpio device (virtio 1.2, 5.18), as the host's <c>/dev/gpiochipN</c> is behind
/// rust-vmm's vhost-device-gpio: its lines' names, directions, driven values, input levels and interrupt state
/// (<see cref="GpioIrqLine"/>), and the answer to every requestq message (5.18.6). A chain must be a readable 8-byte
/// <c>virtio_gpio_request</c> and a writable response (2 bytes; 1 + gpio_names_size for GET_NAMES): anything else is
/// malformed (5.18.6 driver requirements: "MUST queue both", read-only request, writable response). A message the
/// device cannot carry out gets VIRTIO_GPIO_STATUS_ERR (5.18.6 message flow: "_ERR on failure"): an unknown type, a
/// line at or beyond ngpio, a value out of range, IRQ_TYPE without VIRTIO_GPIO_F_IRQ or on an output line, a trigger
/// change without disabling first, GET_VALUE of a line not in use. SET_DIRECTION none discards the line's state
/// (5.18.6 device requirements). Plain state, owned by one backend.
/// </summary>
public sealed class GpioChip
{
    private readonly byte[] _names;
    private readonly byte[] _directions, _driven;
    private readonly GpioIrqLine[] _irq;
    private readonly byte[] _request = new byte[GpioLayout.Request.Size];
    private readonly byte[] _response = new byte[GpioLayout.Response.Size];

    /// <summary>A controller with <paramref name="names"/>.Count lines, every one unused and low.</summary>
    public GpioChip(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count is 0 or > ushort.MaxValue) throw new ArgumentException("a GPIO device has 1 to 65535 lines", nameof(names));
        _names = new GpioWorkload([.. names.Select(n => new GpioLineSpec(n, GpioLineRole.Unused))], null).NamesBlock();
        _directions = new byte[names.Count];
        _driven = new byte[names.Count];
        _irq = [.. names.Select(_ => new GpioIrqLine())];
    }

    /// <summary><c>ngpio</c>.</summary>
    public int Lines => _directions.Length;

    /// <summary>The gpio-names block.</summary>
    public ReadOnlySpan<byte> Names => _names;

    /// <summary>Line <paramref name="line"/>'s interrupt state.</summary>
    public GpioIrqLine Irq(int line) => _irq[line];

    /// <summary>Line <paramref name="line"/>'s direction.</summary>
    public byte Direction(int line) => _directions[line];

    /// <summary>The <c>virtio_gpio_config</c> bytes (5.18.4).</summary>
    public byte[] Config()
    {
        var config = new byte[GpioLayout.Config.Size];
        BinaryPrimitives.WriteUInt16LittleEndian(config.AsSpan(GpioLayout.Config.Ngpio), (ushort)Lines);
        BinaryPrimitives.WriteUInt32LittleEndian(config.AsSpan(GpioLayout.Config.GpioNamesSize), (uint)_names.Length);
        return config;
    }

    /// <summary>Forgets every line's state (a device reset).</summary>
    public void Reset()
    {
        Array.Clear(_directions);
        Array.Clear(_driven);
        foreach (var irq in _irq) irq.SetType(GpioLayout.IrqTypeNone);
    }

    /// <summary>Answers the message in <paramref name="chain"/>; <paramref name="irqFeature"/>: VIRTIO_GPIO_F_IRQ was negotiated.</summary>
    public GpioOutcome Serve(DescriptorChain chain, IDeviceMemory memory, bool irqFeature)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.ReadableLength != GpioLayout.Request.Size)
            return GpioOutcome.Bad(GpioShape.Malformed, $"chain {chain.Id}: {chain.ReadableLength} device-readable bytes; a virtio_gpio_request is {GpioLayout.Request.Size}");
        if (chain.Read(memory, 0, _request) < 0) return GpioOutcome.Bad(GpioShape.Refused, "");
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(_request.AsSpan(GpioLayout.Request.Type));
        int gpio = BinaryPrimitives.ReadUInt16LittleEndian(_request.AsSpan(GpioLayout.Request.Gpio));
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(_request.AsSpan(GpioLayout.Request.Value));
        long needed = type == GpioLayout.MsgGetNames ? GpioLayout.ResponseGetNames.Size + _names.Length : GpioLayout.Response.Size;
        if (chain.WritableLength < needed)
            return GpioOutcome.Bad(GpioShape.Malformed, $"chain {chain.Id}: {chain.WritableLength} device-writable bytes for a type {type} response of {needed}");
        if (type == GpioLayout.MsgGetNames)
        {
            if (chain.Write(memory, GpioLayout.ResponseGetNames.Value, _names) < 0) return GpioOutcome.Bad(GpioShape.Refused, "");
            return Answer(chain, memory, GpioLayout.StatusOk, 0, GpioLayout.ResponseGetNames.Size + _names.Length, -1, "");
        }
        if (gpio >= Lines) return Answer(chain, memory, GpioLayout.StatusErr, 0, GpioLayout.Response.Size, -1, $"line {gpio}, beyond ngpio {Lines}");
        return type switch
        {
            GpioLayout.MsgGetDirection => Ok(chain, memory, _directions[gpio]),
            GpioLayout.MsgSetDirection => SetDirection(chain, memory, gpio, value),
            GpioLayout.MsgGetValue => _directions[gpio] == GpioLayout.DirectionNone
                ? Err(chain, memory, $"GET_VALUE of line {gpio}, not in use")
                : Ok(chain, memory, (byte)(_directions[gpio] == GpioLayout.DirectionOut ? _driven[gpio] : _irq[gpio].High ? 1 : 0)),
            GpioLayout.MsgSetValue => value > 1 ? Err(chain, memory, $"SET_VALUE {value}") : SetValue(chain, memory, gpio, (byte)value),
            GpioLayout.MsgIrqType => SetIrqType(chain, memory, gpio, value, irqFeature),
            _ => Err(chain, memory, $"unknown message type {type}"),
        };
    }

    private GpioOutcome SetDirection(DescriptorChain chain, IDeviceMemory memory, int gpio, uint value)
    {
        if (value > GpioLayout.DirectionIn) return Err(chain, memory, $"SET_DIRECTION {value}");
        _directions[gpio] = (byte)value;
        if (value != GpioLayout.DirectionNone) return Ok(chain, memory, 0);
        _driven[gpio] = 0;
        bool returned = _irq[gpio].SetType(GpioLayout.IrqTypeNone);
        return Answer(chain, memory, GpioLayout.StatusOk, 0, GpioLayout.Response.Size, returned ? gpio : -1, "");
    }

    private GpioOutcome SetValue(DescriptorChain chain, IDeviceMemory memory, int gpio, byte value)
    {
        _driven[gpio] = value;
        return Ok(chain, memory, 0);
    }

    private GpioOutcome SetIrqType(DescriptorChain chain, IDeviceMemory memory, int gpio, uint type, bool irqFeature)
    {
        var irq = _irq[gpio];
        if (!irqFeature) return Err(chain, memory, "IRQ_TYPE without VIRTIO_GPIO_F_IRQ");
        if (!GpioIrqLine.IsValidType(type)) return Err(chain, memory, $"IRQ_TYPE {type}");
        if (_directions[gpio] == GpioLayout.DirectionOut) return Err(chain, memory, $"IRQ_TYPE on output line {gpio}");
        if (type != GpioLayout.IrqTypeNone && irq.Type != GpioLayout.IrqTypeNone && irq.Type != type)
            return Err(chain, memory, $"IRQ_TYPE {type} on line {gpio} enabled with {irq.Type}: disable first");
        bool returned = irq.SetType(type);
        return Answer(chain, memory, GpioLayout.StatusOk, 0, GpioLayout.Response.Size, returned ? gpio : -1, "");
    }

    private GpioOutcome Ok(DescriptorChain chain, IDeviceMemory memory, byte value) =>
        Answer(chain, memory, GpioLayout.StatusOk, value, GpioLayout.Response.Size, -1, "");

    private GpioOutcome Err(DescriptorChain chain, IDeviceMemory memory, string why) =>
        Answer(chain, memory, GpioLayout.StatusErr, 0, GpioLayout.Response.Size, -1, why);

    private GpioOutcome Answer(DescriptorChain chain, IDeviceMemory memory, byte status, byte value, int used, int invalidate, string why)
    {
        _response[GpioLayout.Response.Status] = status;
        _response[GpioLayout.Response.Value] = value;
        int length = used == GpioLayout.Response.Size ? GpioLayout.Response.Size : GpioLayout.ResponseGetNames.Size;
        if (chain.Write(memory, 0, _response.AsSpan(0, length)) < 0) return GpioOutcome.Bad(GpioShape.Refused, "");
        return new GpioOutcome(GpioShape.Valid, why, status, (uint)used, invalidate);
    }
}
