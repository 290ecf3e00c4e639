namespace Sim.Devices.Blk;

/// <summary>
/// One parsed virtio-blk request (virtio 1.2, 5.2.6), plain data: where its data lies inside the chain and which way
/// it goes. Offsets count within the chain's readable part (<see cref="DataWritable"/> false) or writable part (true),
/// as <see cref="Virtio.Queues.DescriptorChain.Read"/> and <see cref="Virtio.Queues.DescriptorChain.Write"/> take them.
/// A value type: one is parsed for every chain served, and the request path should not allocate.
/// </summary>
/// <param name="Type">The header's type (a <c>BlkLayout.Type*</c> value).</param>
/// <param name="IoPriority">The header's ioprio (not interpreted).</param>
/// <param name="Sector">The header's first sector (IN / OUT; unused by other types).</param>
/// <param name="DataOffset">Where the data starts: 16 (after the header) when readable, 0 when writable.</param>
/// <param name="DataLength">Data bytes (without header and status).</param>
/// <param name="DataWritable">True when the device writes the data (IN, GET_ID).</param>
/// <param name="StatusOffset">Offset of the status byte in the writable part (its last byte).</param>
/// <param name="Ranges">DISCARD / WRITE_ZEROES / SECURE_ERASE: the ranges of the data; empty for other types.</param>
public readonly record struct BlkRequest(
    uint Type, uint IoPriority, ulong Sector, long DataOffset, uint DataLength, bool DataWritable, long StatusOffset,
    IReadOnlyList<BlkSectorRange> Ranges)
{
    /// <summary>Sectors the data covers (IN / OUT): <see cref="DataLength"/> / 512.</summary>
    public ulong SectorCount => DataLength / (ulong)BlkLayout.SectorSize;

    /// <summary>The type's Linux name, for findings and traces.</summary>
    public string TypeName => BlkRequestTypes.Name(Type);
}

/// <summary>One <c>struct virtio_blk_discard_write_zeroes</c> entry.</summary>
/// <param name="Sector">First sector.</param>
/// <param name="SectorCount">num_sectors.</param>
/// <param name="Flags">flags (<see cref="BlkLayout.SegmentFlagUnmap"/>).</param>
public readonly record struct BlkSectorRange(ulong Sector, uint SectorCount, uint Flags);

/// <summary>Names of request types.</summary>
public static class BlkRequestTypes
{
    /// <summary>The Linux name of <paramref name="type"/> (VIRTIO_BLK_T_IN, ...), or "type N" when unknown.</summary>
    public static string Name(uint type) => type switch
    {
        BlkLayout.TypeIn => "VIRTIO_BLK_T_IN",
        BlkLayout.TypeOut => "VIRTIO_BLK_T_OUT",
        BlkLayout.TypeFlush => "VIRTIO_BLK_T_FLUSH",
        BlkLayout.TypeGetId => "VIRTIO_BLK_T_GET_ID",
        BlkLayout.TypeGetLifetime => "VIRTIO_BLK_T_GET_LIFETIME",
        BlkLayout.TypeDiscard => "VIRTIO_BLK_T_DISCARD",
        BlkLayout.TypeWriteZeroes => "VIRTIO_BLK_T_WRITE_ZEROES",
        BlkLayout.TypeSecureErase => "VIRTIO_BLK_T_SECURE_ERASE",
        _ => $"type {type}",
    };
}
