using System.Buffers.Binary;

namespace Sim.Devices.Gpio;

/// <summary>
/// One requestq message (virtio 1.2, 5.18.6): <c>struct virtio_gpio_request</c> { le16 type; le16 gpio; le32 value }.
/// </summary>
/// <param name="Type">A VIRTIO_GPIO_MSG_* type.</param>
/// <param name="Gpio">The line.</param>
/// <param name="Value">The message's argument (direction, level, trigger type), else 0.</param>
public readonly record struct GpioMessage(ushort Type, ushort Gpio, uint Value)
{
    /// <summary>Writes the 8 request bytes into <paramref name="bytes"/>.</summary>
    public void Encode(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[GpioLayout.Request.Type..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[GpioLayout.Request.Gpio..], Gpio);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[GpioLayout.Request.Value..], Value);
    }

    /// <summary>The response length the driver offers for this message: 1 + <paramref name="namesSize"/> for GET_NAMES, else 2.</summary>
    public int ResponseBytes(int namesSize) => Type == GpioLayout.MsgGetNames ? GpioLayout.ResponseGetNames.Size + namesSize : GpioLayout.Response.Size;
}
