using System.Buffers.Binary;

namespace Sim.Devices.Blk;

/// <summary>
/// Builds the bytes of <c>struct virtio_blk_config</c> (virtio 1.2, 5.2.4; packed, little-endian,
/// <see cref="BlkLayout.Config.Size"/> bytes) for a virtio-mmio device's configuration space.
/// </summary>
public static class BlkConfigSpace
{
    /// <summary>
    /// The configuration space of a disk of <paramref name="capacitySectors"/> 512-byte sectors. The optional fields are
    /// meaningful only with their feature bits: <paramref name="sizeMax"/> (VIRTIO_BLK_F_SIZE_MAX),
    /// <paramref name="segMax"/> (VIRTIO_BLK_F_SEG_MAX), <paramref name="blkSize"/> (VIRTIO_BLK_F_BLK_SIZE) and
    /// <paramref name="numQueues"/> (VIRTIO_BLK_F_MQ); zero leaves a field zero.
    /// </summary>
    public static byte[] Build(ulong capacitySectors, uint sizeMax = 0, uint segMax = 0, uint blkSize = 0, ushort numQueues = 0)
    {
        var bytes = new byte[BlkLayout.Config.Size];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(BlkLayout.Config.Capacity), capacitySectors);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(BlkLayout.Config.SizeMax), sizeMax);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(BlkLayout.Config.SegMax), segMax);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(BlkLayout.Config.BlkSize), blkSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(BlkLayout.Config.NumQueues), numQueues);
        return bytes;
    }

    /// <summary>The capacity field of <paramref name="config"/> (sectors).</summary>
    public static ulong Capacity(ReadOnlySpan<byte> config) =>
        BinaryPrimitives.ReadUInt64LittleEndian(config[BlkLayout.Config.Capacity..]);
}
