namespace Sim.Devices.Input;

/// <summary>
/// The configuration queries a virtio-input driver makes at probe (virtio 1.2, 5.8.5, in the order of Linux
/// <c>virtinput_probe</c>): ID_NAME, ID_SERIAL, ID_DEVIDS, PROP_BITS, EV_BITS for the event types Linux fills (EV_KEY,
/// EV_REL, EV_ABS, EV_MSC, EV_SW, EV_LED, EV_SND) and for EV_REP, and ABS_INFO for every absolute axis EV_BITS(EV_ABS)
/// declares; from the answers, the device's
/// <see cref="InputDeviceProfile"/>. Pure: each query goes through the given function.
/// </summary>
public static class InputDriverProbe
{
    /// <summary>A configuration query: select, subsel, the union's bytes written into the span; returns the size.</summary>
    public delegate byte Query(byte select, byte subsel, Span<byte> union);

    /// <summary>The event types whose EV_BITS the driver asks for, in Linux's order.</summary>
    public static readonly IReadOnlyList<ushort> QueriedTypes =
        [InputCodes.EvKey, InputCodes.EvRel, InputCodes.EvAbs, InputCodes.EvMsc, InputCodes.EvSw, InputCodes.EvLed, InputCodes.EvSnd, InputCodes.EvRep];

    /// <summary>Reads the device's profile with <paramref name="query"/>.</summary>
    public static InputDeviceProfile Read(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Span<byte> union = stackalloc byte[InputLayout.Config.UnionBytes];
        string name = Text(query, InputLayout.CfgIdName, union);
        string serial = Text(query, InputLayout.CfgIdSerial, union);
        union.Clear();
        ushort bustype = 0, vendor = 0, product = 0, version = 0;
        if (query(InputLayout.CfgIdDevids, 0, union) >= InputLayout.DevIds.Size)
        {
            bustype = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(union[InputLayout.DevIds.Bustype..]);
            vendor = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(union[InputLayout.DevIds.Vendor..]);
            product = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(union[InputLayout.DevIds.Product..]);
            version = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(union[InputLayout.DevIds.Version..]);
        }
        union.Clear();
        var properties = InputConfigSpace.BitsSet(union, query(InputLayout.CfgPropBits, 0, union)).Select(p => (int)p).ToList();
        var codes = new Dictionary<ushort, IReadOnlyList<ushort>>();
        foreach (ushort type in QueriedTypes)
        {
            union.Clear();
            byte size = query(InputLayout.CfgEvBits, (byte)type, union);
            if (size > 0) codes[type] = InputConfigSpace.BitsSet(union, size);
        }
        var axes = new List<InputAxis>();
        if (codes.TryGetValue(InputCodes.EvAbs, out var abs))
            foreach (ushort axis in abs)
            {
                union.Clear();
                if (query(InputLayout.CfgAbsInfo, (byte)axis, union) < InputLayout.AbsInfo.Size) continue;
                axes.Add(new InputAxis(axis, I32(union, InputLayout.AbsInfo.Min), I32(union, InputLayout.AbsInfo.Max), I32(union, InputLayout.AbsInfo.Fuzz),
                    I32(union, InputLayout.AbsInfo.Flat), I32(union, InputLayout.AbsInfo.Res)));
            }
        return new InputDeviceProfile(name, serial, bustype, vendor, product, version, properties, codes, axes);
    }

    private static string Text(Query query, byte select, Span<byte> union)
    {
        union.Clear();
        int size = query(select, 0, union);
        return System.Text.Encoding.ASCII.GetString(union[..Math.Min(size, union.Length)]);
    }

    private static int I32(ReadOnlySpan<byte> bytes, int offset) => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
}
