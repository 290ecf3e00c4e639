using System.Buffers.Binary;

namespace Sim.Devices.Sound;

/// <summary>
/// One jack as the device describes it, a <c>virtio_snd_jack_info</c> item of a VIRTIO_SND_R_JACK_INFO answer
/// (virtio 1.2, 5.14.6.4.1): the function group it belongs to (<c>hda_fn_nid</c>), the jack features
/// (VIRTIO_SND_JACK_F_REMAP or none), the HDA pin configuration default and pin capabilities registers it reports as
/// they are (HDA 1.0a, 7.3.3.31 and 7.3.4.9) and whether something is plugged in. Plain data; little-endian on the wire.
/// </summary>
/// <param name="HdaFnNid">hdr.hda_fn_nid: the HDA function group.</param>
/// <param name="Features">features: bit VIRTIO_SND_JACK_F_REMAP or 0.</param>
/// <param name="HdaRegDefconf">hda_reg_defconf: the pin configuration default.</param>
/// <param name="HdaRegCaps">hda_reg_caps: the pin capabilities.</param>
/// <param name="Connected">connected: 1 when something is plugged in.</param>
public readonly record struct SoundJack(uint HdaFnNid, uint Features, uint HdaRegDefconf, uint HdaRegCaps, byte Connected)
{
    /// <summary>
    /// A green 1/8-inch line-out jack at the rear, plugged in: defconf 0x01014010 (jack, rear, Line Out, 1/8", green,
    /// association 1, sequence 0), caps 0x14 (output capable, presence detect); no remap.
    /// </summary>
    public static SoundJack LineOut => new(0, 0, 0x01014010, 0x14, 1);

    /// <summary>
    /// A pink 1/8-inch microphone jack at the rear, plugged in: defconf 0x01A19030 (jack, rear, Mic In, 1/8", pink,
    /// association 3, sequence 0), caps 0x24 (input capable, presence detect); no remap.
    /// </summary>
    public static SoundJack Mic => new(0, 0, 0x01A19030, 0x24, 1);

    /// <summary>Writes the item (<see cref="SoundLayout.JackInfo.Size"/> bytes, padding 0) into <paramref name="item"/>.</summary>
    public void EncodeInto(Span<byte> item)
    {
        item = item[..SoundLayout.JackInfo.Size];
        item.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(item[(SoundLayout.JackInfo.Hdr + SoundLayout.Info.HdaFnNid)..], HdaFnNid);
        BinaryPrimitives.WriteUInt32LittleEndian(item[SoundLayout.JackInfo.Features..], Features);
        BinaryPrimitives.WriteUInt32LittleEndian(item[SoundLayout.JackInfo.HdaRegDefconf..], HdaRegDefconf);
        BinaryPrimitives.WriteUInt32LittleEndian(item[SoundLayout.JackInfo.HdaRegCaps..], HdaRegCaps);
        item[SoundLayout.JackInfo.Connected] = Connected;
    }

    /// <summary>The item in <paramref name="item"/> (at least <see cref="SoundLayout.JackInfo.Size"/> bytes).</summary>
    public static SoundJack Decode(ReadOnlySpan<byte> item) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(item[(SoundLayout.JackInfo.Hdr + SoundLayout.Info.HdaFnNid)..]),
        BinaryPrimitives.ReadUInt32LittleEndian(item[SoundLayout.JackInfo.Features..]),
        BinaryPrimitives.ReadUInt32LittleEndian(item[SoundLayout.JackInfo.HdaRegDefconf..]),
        BinaryPrimitives.ReadUInt32LittleEndian(item[SoundLayout.JackInfo.HdaRegCaps..]),
        item[SoundLayout.JackInfo.Connected]);

    /// <summary>Whether the pin can take input (HDA pin capabilities bit 5), as a microphone jack's can.</summary>
    public bool IsInput => (HdaRegCaps & 0x20) != 0;
}
