namespace Sim.Devices.Input;

/// <summary>
/// What a virtio-input device says it is, through its configuration space (virtio 1.2, 5.8.4): its name and serial
/// (ID_NAME, ID_SERIAL), its ids (ID_DEVIDS), its properties (PROP_BITS), the codes of every event type it sends
/// (EV_BITS) and its absolute axes (ABS_INFO). The driver reads it all at probe, as Linux's <c>virtinput_probe</c>
/// does, and a device that sends a code it did not declare breaks 5.8.6.1 (the driver's finding). Plain data.
/// </summary>
/// <param name="Name">ID_NAME.</param>
/// <param name="Serial">ID_SERIAL.</param>
/// <param name="Bustype">ID_DEVIDS bustype (BUS_VIRTUAL by default).</param>
/// <param name="Vendor">ID_DEVIDS vendor.</param>
/// <param name="Product">ID_DEVIDS product.</param>
/// <param name="Version">ID_DEVIDS version.</param>
/// <param name="Properties">INPUT_PROP_* bits set in PROP_BITS.</param>
/// <param name="Codes">Per event type (EV_*), the codes EV_BITS declares for it.</param>
/// <param name="Axes">The absolute axes (ABS_INFO), one per ABS code declared.</param>
public sealed record InputDeviceProfile(string Name, string Serial, ushort Bustype, ushort Vendor, ushort Product, ushort Version,
    IReadOnlyList<int> Properties, IReadOnlyDictionary<ushort, IReadOnlyList<ushort>> Codes, IReadOnlyList<InputAxis> Axes)
{
    /// <summary>A multi-touch touchscreen of <paramref name="width"/> x <paramref name="height"/> units (one slot), with timestamps.</summary>
    public static InputDeviceProfile Touchscreen(int width, int height) => new(
        "VirtioSim touchscreen", "VSIM-TS-0", InputCodes.BusVirtual, 0x4D53, 0x0001, 1,
        [InputCodes.InputPropDirect],
        new Dictionary<ushort, IReadOnlyList<ushort>>
        {
            [InputCodes.EvKey] = [InputCodes.BtnTouch],
            [InputCodes.EvAbs] = [InputCodes.AbsX, InputCodes.AbsY, InputCodes.AbsMtSlot, InputCodes.AbsMtPositionX, InputCodes.AbsMtPositionY, InputCodes.AbsMtTrackingId],
            [InputCodes.EvMsc] = [InputCodes.MscTimestamp],
        },
        [
            new(InputCodes.AbsX, 0, width - 1), new(InputCodes.AbsY, 0, height - 1), new(InputCodes.AbsMtSlot, 0, 0),
            new(InputCodes.AbsMtPositionX, 0, width - 1), new(InputCodes.AbsMtPositionY, 0, height - 1), new(InputCodes.AbsMtTrackingId, 0, 65535),
        ]);

    /// <summary>A rotary controller (a knob with detents, REL_DIAL) with timestamps.</summary>
    public static InputDeviceProfile Rotary() => new(
        "VirtioSim rotary controller", "VSIM-RC-0", InputCodes.BusVirtual, 0x4D53, 0x0002, 1,
        [],
        new Dictionary<ushort, IReadOnlyList<ushort>>
        {
            [InputCodes.EvRel] = [InputCodes.RelDial],
            [InputCodes.EvMsc] = [InputCodes.MscTimestamp],
        },
        []);

    /// <summary>Whether the profile declares <paramref name="code"/> of event type <paramref name="type"/> (EV_SYN always).</summary>
    public bool Declares(ushort type, ushort code) =>
        type == InputCodes.EvSyn || (Codes.TryGetValue(type, out var codes) && codes.Contains(code));
}
