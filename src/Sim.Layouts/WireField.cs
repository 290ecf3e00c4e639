namespace Sim.Layouts;

/// <summary>
/// One field of a wire structure (virtio 1.2 and the Linux UAPI headers name them: <c>addr</c>, <c>len</c>, <c>flags</c>,
/// ...): where it lies from the start of its structure, how wide it is, and the flag set that names its bits, if any.
/// </summary>
/// <param name="Name">The field's name as in the C header.</param>
/// <param name="Type">Its type: <c>u8</c>, <c>u16</c>, <c>u32</c> or <c>u64</c> (little-endian), or <c>bytes</c>.</param>
/// <param name="Offset">Byte offset from the start of the structure (of the entry, of the trailer).</param>
/// <param name="Flags">The id of the <see cref="WireFlagSet"/> naming its bits, or null.</param>
public sealed record WireField(string Name, string Type, int Offset, string? Flags)
{
    /// <summary>The field's width in bytes.</summary>
    public int Width => Type switch { "u8" => 1, "u16" => 2, "u32" => 4, "u64" => 8, _ => 0 };
}

/// <summary>The named bits of a flags field (e.g. VRING_DESC_F_* of virtio 1.2, 2.7.5).</summary>
/// <param name="Id">The set's id, as fields name it.</param>
/// <param name="Flags">Value and name of each bit, in the description's order.</param>
public sealed record WireFlagSet(string Id, IReadOnlyList<(ulong Value, string Name)> Flags)
{
    /// <summary>The value as <c>NAME|NAME|0xrest</c>, <c>0</c> for none, the way the explain page shows it.</summary>
    public string Text(ulong value)
    {
        if (value == 0) return "0";
        var parts = new List<string>();
        ulong rest = value;
        foreach (var (bit, name) in Flags)
        {
            if ((value & bit) == 0) continue;
            parts.Add(name);
            rest &= ~bit;
        }
        if (rest != 0) parts.Add("0x" + rest.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('|', parts);
    }
}
