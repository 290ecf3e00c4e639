namespace Sim.Layouts;

/// <summary>
/// One field of a wire structure (virtio 1.2 and the Linux UAPI headers name them: <c>addr</c>, <c>len</c>, <c>flags</c>,
/// ...): where it lies from the start of its structure, how wide it is, and the flag set that names its bits, if any.
/// </summary>
/// <param name="Name">The field's name as in the C header.</param>
/// <param name="Type">Its type: <c>u8</c>, <c>u16</c>, <c>u32</c> or <c>u64</c> (little-endian, as virtio), <c>be16</c> or
/// <c>be32</c> (big-endian, as virtio-rpmb's frame, 5.12.6.1), or <c>bytes</c>.</param>
/// <param name="Offset">Byte offset from the start of the structure (of the entry, of the trailer).</param>
/// <param name="Flags">The id of the <see cref="WireFlagSet"/> naming its bits, or null.</param>
/// <param name="Bits">Named bit ranges inside the field (e.g. off_wrap's offset and wrap counter), or empty.</param>
public sealed record WireField(string Name, string Type, int Offset, string? Flags, IReadOnlyList<WireBits> Bits)
{
    /// <summary>The bit range called <paramref name="name"/>.</summary>
    public WireBits Bit(string name) => Bits.First(b => b.Name == name);

    /// <summary>The field's width in bytes.</summary>
    public int Width => Type switch { "u8" => 1, "u16" or "be16" => 2, "u32" or "be32" => 4, "u64" => 8, _ => 0 };

    /// <summary>Whether the field holds a two's-complement value (e.g. virtio_input_event's value, an <c>__s32</c> in Linux's <c>input_event</c>).</summary>
    public bool Signed { get; init; }

    /// <summary>
    /// The field of the same structure whose value names this one's value set (virtio_input_event's code is named by its
    /// type: EV_ABS codes are ABS_*), through that value's <see cref="WireFlag.Values"/>; or null.
    /// </summary>
    public string? ValuesBy { get; init; }

    /// <summary>The field's value in <paramref name="structure"/> (which starts where the structure does), in its byte order.</summary>
    public ulong Read(ReadOnlySpan<byte> structure)
    {
        var at = structure[Offset..];
        return Type switch
        {
            "u8" => at[0],
            "u16" => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(at),
            "u32" => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(at),
            "u64" => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(at),
            "be16" => System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(at),
            "be32" => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(at),
            _ => throw new InvalidOperationException($"field {Name} of type {Type} has no numeric value"),
        };
    }

    /// <summary>The value as the page shows it: a negative number for a <see cref="Signed"/> field whose top bit is set.</summary>
    public string Number(ulong value) => (Signed && Width > 0 && (value >> (8 * Width - 1)) != 0
        ? ((long)value - (1L << (8 * Width))).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// The named values of a flags or enumerated field (e.g. VRING_DESC_F_* of virtio 1.2, 2.7.5; GTF_* of Xen's
/// grant_table.h, whose low bits are a type and whose other bits mean different things by type).
/// </summary>
/// <param name="Id">The set's id, as fields name it.</param>
/// <param name="Flags">The named values, in the description's order.</param>
/// <param name="TypeMask">The bits that hold a type (named by the <see cref="WireFlag.IsType"/> entries), or 0.</param>
/// <param name="IsEnumeration">The field holds one of the values, not a set of bits.</param>
public sealed record WireFlagSet(string Id, IReadOnlyList<WireFlag> Flags, ulong TypeMask, bool IsEnumeration)
{
    /// <summary>
    /// The value as <c>NAME|NAME|0xrest</c> (the type's name first when the set has a type), <c>0</c> for none, the
    /// way the explain page and the narration show flags.
    /// </summary>
    public string Text(ulong value)
    {
        if (value == 0) return "0";
        var parts = new List<string>();
        ulong rest = value, type = value & TypeMask;
        if (TypeMask != 0)
        {
            parts.Add(Flags.First(f => f.IsType && f.Value == type).Name);
            rest &= ~TypeMask;
        }
        foreach (var flag in Flags)
        {
            if (flag.IsType || !flag.AppliesTo(type) || (value & flag.Value) == 0) continue;
            parts.Add(flag.Name);
            rest &= ~flag.Value;
        }
        if (rest != 0) parts.Add("0x" + rest.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('|', parts);
    }

    /// <summary>The value named <paramref name="name"/>.</summary>
    public ulong ValueOf(string name) =>
        Flags.FirstOrDefault(f => f.Name == name)?.Value ?? throw new KeyNotFoundException($"flag set {Id} has no {name}");

    /// <summary>The name of <paramref name="value"/> in an enumeration, or null when it has none.</summary>
    public string? NameOf(ulong value) => Flags.FirstOrDefault(f => f.Value == value)?.Name;
}

/// <summary>One named value of a <see cref="WireFlagSet"/>.</summary>
/// <param name="Value">The bit (or value).</param>
/// <param name="Name">Its name as the page and the narration show it.</param>
/// <param name="IsType">It names a value of the set's type bits, not a bit.</param>
/// <param name="ForType">The bit means this only when the type is this value (null: any type but <paramref name="NotForType"/>).</param>
/// <param name="NotForType">The bit means something else when the type is this value.</param>
/// <param name="Struct">For a request type: the id of the structure its requests have.</param>
public sealed record WireFlag(ulong Value, string Name, bool IsType, ulong? ForType, ulong? NotForType, string? Struct)
{
    /// <summary>For an event type: the id of the value set naming the codes of events of this type (see <see cref="WireField.ValuesBy"/>), or null.</summary>
    public string? Values { get; init; }

    /// <summary>Whether the bit has this name under <paramref name="type"/>.</summary>
    public bool AppliesTo(ulong type) => (ForType is null || ForType == type) && (NotForType is null || NotForType != type);
}

/// <summary>A named range of bits inside a field (virtio 1.2, 2.8.10: off_wrap is offset bits 0-14, wrap counter bit 15).</summary>
/// <param name="Name">Its name.</param>
/// <param name="Shift">Its lowest bit.</param>
/// <param name="Width">How many bits.</param>
public sealed record WireBits(string Name, int Shift, int Width)
{
    /// <summary>The range's value in <paramref name="field"/>.</summary>
    public ulong Of(ulong field) => (field >> Shift) & ((1UL << Width) - 1);
}
