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

    /// <summary>The event as the Linux input layer names it (<c>evtest</c> style): <c>EV_ABS ABS_MT_POSITION_X 1234</c>.</summary>
    public override string ToString() => $"{TypeName(Type)} {CodeName(Type, Code)} {Value}";

    private static string TypeName(ushort type) => type switch
    {
        InputCodes.EvSyn => "EV_SYN",
        InputCodes.EvKey => "EV_KEY",
        InputCodes.EvRel => "EV_REL",
        InputCodes.EvAbs => "EV_ABS",
        InputCodes.EvMsc => "EV_MSC",
        InputCodes.EvLed => "EV_LED",
        _ => $"type {type}",
    };

    private static string CodeName(ushort type, ushort code) => (type, code) switch
    {
        (InputCodes.EvSyn, InputCodes.SynReport) => "SYN_REPORT",
        (InputCodes.EvKey, InputCodes.BtnTouch) => "BTN_TOUCH",
        (InputCodes.EvRel, InputCodes.RelDial) => "REL_DIAL",
        (InputCodes.EvAbs, InputCodes.AbsX) => "ABS_X",
        (InputCodes.EvAbs, InputCodes.AbsY) => "ABS_Y",
        (InputCodes.EvAbs, InputCodes.AbsMtPositionX) => "ABS_MT_POSITION_X",
        (InputCodes.EvAbs, InputCodes.AbsMtPositionY) => "ABS_MT_POSITION_Y",
        (InputCodes.EvAbs, InputCodes.AbsMtTrackingId) => "ABS_MT_TRACKING_ID",
        (InputCodes.EvMsc, InputCodes.MscTimestamp) => "MSC_TIMESTAMP",
        _ => $"code {code}",
    };

    /// <summary>The event in the first <see cref="InputLayout.Event.Size"/> bytes of <paramref name="bytes"/>.</summary>
    public static InputEvent Decode(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[InputLayout.Event.Type..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[InputLayout.Event.Code..]),
        BinaryPrimitives.ReadInt32LittleEndian(bytes[InputLayout.Event.Value..]));
}
