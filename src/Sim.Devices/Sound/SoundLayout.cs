using System.Buffers.Binary;

namespace Sim.Devices.Sound;

// The constants, the nested struct classes and the class's doc comment are generated at compile time from
// src/Sim.Layouts/Wire/sound*.layout.json by Sim.Layouts.Generator; this part is where the layout's code, if any, goes.
public static partial class SoundLayout
{
    /// <summary>The configuration space (virtio 1.2, 5.14.4, <c>virtio_snd_config</c>) of a device with these counts.</summary>
    public static byte[] ConfigBytes(uint jacks, uint streams, uint chmaps)
    {
        var config = new byte[Config.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(config.AsSpan(Config.Jacks), jacks);
        BinaryPrimitives.WriteUInt32LittleEndian(config.AsSpan(Config.Streams), streams);
        BinaryPrimitives.WriteUInt32LittleEndian(config.AsSpan(Config.Chmaps), chmaps);
        return config;
    }

    /// <summary>Writes a <c>virtio_snd_query_info</c> request (5.14.6.2) into <paramref name="request"/>.</summary>
    public static void EncodeQueryInfo(uint code, uint startId, uint count, uint size, Span<byte> request)
    {
        request = request[..QueryInfo.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(request[(QueryInfo.Hdr + Hdr.Code)..], code);
        BinaryPrimitives.WriteUInt32LittleEndian(request[QueryInfo.StartId..], startId);
        BinaryPrimitives.WriteUInt32LittleEndian(request[QueryInfo.Count..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(request[QueryInfo.InfoSize..], size);
    }

    /// <summary>Writes a <c>virtio_snd_pcm_hdr</c> request (PREPARE, RELEASE, START, STOP; 5.14.6.6) into <paramref name="request"/>.</summary>
    public static void EncodePcmHeader(uint code, uint streamId, Span<byte> request)
    {
        request = request[..PcmHdr.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(request[(PcmHdr.Hdr + Hdr.Code)..], code);
        BinaryPrimitives.WriteUInt32LittleEndian(request[PcmHdr.StreamId..], streamId);
    }
}
