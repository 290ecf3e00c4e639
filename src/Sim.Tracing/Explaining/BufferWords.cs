using System.Globalization;

namespace Sim.Tracing.Explaining;

/// <summary>
/// Reads the fields of a device buffer's structure as the narration tells them: where a field lies, its byte order and
/// the names of its values all come from the structure's description in <see cref="LayoutCatalog"/> (the same
/// src/Sim.Layouts/Wire/*.layout.json the models take their offsets from), e.g. virtio_i2c_out_hdr (virtio 1.2, 5.16.6.1)
/// or the big-endian virtio_rpmb_frame (5.12.6.1).
/// </summary>
internal static class BufferWords
{
    /// <summary>The value of <paramref name="field"/> of <paramref name="layout"/> in <paramref name="bytes"/> (which start where the structure does).</summary>
    public static ulong Value(WireStruct layout, ReadOnlySpan<byte> bytes, string field) => layout.Field(field).Read(bytes);

    /// <summary>
    /// The value of <paramref name="field"/> as words: its name when its value set names it (a flag set's bits joined by
    /// |), else the number (negative for a signed field).
    /// </summary>
    public static string Named(WireStruct layout, ReadOnlySpan<byte> bytes, string field)
    {
        var f = layout.Field(field);
        ulong value = f.Read(bytes);
        if (ValueSet(layout, bytes, f) is not { } set) return f.Number(value);
        return set.IsEnumeration ? set.NameOf(value) ?? f.Number(value) : set.Text(value);
    }

    /// <summary>The named value (<see cref="WireFlag"/>) of <paramref name="field"/> in an enumeration, or null when it has none.</summary>
    public static WireFlag? Flag(WireStruct layout, ReadOnlySpan<byte> bytes, string field)
    {
        var f = layout.Field(field);
        ulong value = f.Read(bytes);
        return ValueSet(layout, bytes, f)?.Flags.FirstOrDefault(x => x.Value == value);
    }

    /// <summary>
    /// The value set naming <paramref name="field"/>'s values: its own, or the one its <see cref="WireField.ValuesBy"/>
    /// field's value names (an input event's code is named by its type); null when none does.
    /// </summary>
    public static WireFlagSet? ValueSet(WireStruct layout, ReadOnlySpan<byte> bytes, WireField field)
    {
        if (field.ValuesBy is { } by)
        {
            var type = layout.Field(by);
            ulong value = type.Read(bytes);
            var named = type.Flags is { } typeSet ? LayoutCatalog.Flags(typeSet).Flags.FirstOrDefault(x => x.Value == value) : null;
            return named?.Values is { } codes ? LayoutCatalog.Flags(codes) : null;
        }
        return field.Flags is { } id ? LayoutCatalog.Flags(id) : null;
    }

    /// <summary>
    /// Every numeric field of <paramref name="layout"/> but those in <paramref name="skip"/>, as <c>name value</c>
    /// joined by commas (e.g. a PCM_SET_PARAMS request's stream_id, buffer_bytes, period_bytes, ...).
    /// </summary>
    public static string Fields(WireStruct layout, ReadOnlySpan<byte> bytes, params string[] skip)
    {
        var parts = new List<string>();
        foreach (var f in layout.Fields)
        {
            if (f.Width == 0 || skip.Contains(f.Name) || f.Offset + f.Width > bytes.Length) continue;
            parts.Add(f.Name + " " + Named(layout, bytes, f.Name));
        }
        return string.Join(", ", parts);
    }

    /// <summary><paramref name="value"/> in hex with at least <paramref name="digits"/> digits (<c>0x48</c>).</summary>
    public static string Hex(ulong value, int digits = 1) => "0x" + value.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
