using System.Buffers.Binary;

namespace Sim.Devices.Input;

/// <summary>
/// One <c>struct virtio_input_event</c> (virtio 1.2, 5.8.6; <see cref="InputLayout.Event"/>): type le16, code le16,
/// value le32, the same triple as a Linux <c>struct input_event</c> without its timestamp. A report is a run of events
/// ended by EV_SYN/SYN_REPORT (<see cref="IsReportEnd"/>). Plain data.
/// </summary>
/// <param name="Type">The event type (EV_*, <see cref="InputCodes"/>).</param>
/// <param name="Code">The code within the type (ABS_X, BTN_TOUCH, REL_DIAL, ...).</param>
/// <param name="Value">The value: a position, 1/0 for press/release, a relative step, a timestamp.</param>
public readonly record struct InputEvent(ushort Type, ushort Code, int Value)
{
    /// <summary>The EV_SYN/SYN_REPORT event that ends every report.</summary>
    public static InputEvent SynReport => new(InputCodes.EvSyn, InputCodes.SynReport, 0);

    /// <summary>Whether this event ends a report (EV_SYN, SYN_REPORT).</summary>
    public bool IsReportEnd => Type == InputCodes.EvSyn && Code == InputCodes.SynReport;

    /// <summary>Writes the event's <see cref="InputLayout.Event.Size"/> bytes, little-endian, into <paramref name="bytes"/>.</summary>
    public void EncodeInto(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[InputLayout.Event.Type..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[InputLayout.Event.Code..], Code);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[InputLayout.Event.Value..], Value);
    }

    /// <summary>The event in the first <see cref="InputLayout.Event.Size"/> bytes of <paramref name="bytes"/>.</summary>
    public static InputEvent Decode(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[InputLayout.Event.Type..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[InputLayout.Event.Code..]),
        BinaryPrimitives.ReadInt32LittleEndian(bytes[InputLayout.Event.Value..]));
}
