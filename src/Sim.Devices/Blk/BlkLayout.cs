namespace Sim.Devices.Blk;

/// <summary>
/// The virtio-blk wire format (virtio 1.2, 5.2; Linux <c>include/uapi/linux/virtio_blk.h</c>): the request header
/// <c>struct virtio_blk_outhdr</c>, request types, status values, the discard / write-zeroes segment and the offsets of
/// <c>struct virtio_blk_config</c> (packed, little-endian). Every value is checked against the installed Linux header by
/// <c>BlkLayoutGoldenTests</c>.
/// </summary>
public static class BlkLayout
{
    /// <summary>Bytes per sector: capacity, <c>sector</c> and data lengths count in 512-byte units whatever blk_size says (5.2.4).</summary>
    public const int SectorSize = 512;

    /// <summary>log2 of <see cref="SectorSize"/>.</summary>
    public const int SectorShift = 9;

    /// <summary><c>sizeof(struct virtio_blk_outhdr)</c>: type u32 @0, ioprio u32 @4, sector u64 @8 (5.2.6).</summary>
    public const int HeaderSize = 16;

    /// <summary><c>offsetof(virtio_blk_outhdr, type)</c>.</summary>
    public const int HeaderTypeOffset = 0;

    /// <summary><c>offsetof(virtio_blk_outhdr, ioprio)</c>.</summary>
    public const int HeaderIoPriorityOffset = 4;

    /// <summary><c>offsetof(virtio_blk_outhdr, sector)</c>.</summary>
    public const int HeaderSectorOffset = 8;

    /// <summary>Size of the status byte the device writes last (5.2.6).</summary>
    public const int StatusSize = 1;

    /// <summary>VIRTIO_BLK_ID_BYTES: the GET_ID answer, NUL-padded when shorter (5.2.6).</summary>
    public const int IdBytes = 20;

    /// <summary>VIRTIO_BLK_T_IN: read sectors into the writable data buffers.</summary>
    public const uint TypeIn = 0;

    /// <summary>VIRTIO_BLK_T_OUT: write the readable data buffers to sectors.</summary>
    public const uint TypeOut = 1;

    /// <summary>VIRTIO_BLK_T_FLUSH: make every completed write durable (VIRTIO_BLK_F_FLUSH).</summary>
    public const uint TypeFlush = 4;

    /// <summary>VIRTIO_BLK_T_GET_ID: the device id string, <see cref="IdBytes"/> bytes.</summary>
    public const uint TypeGetId = 8;

    /// <summary>VIRTIO_BLK_T_GET_LIFETIME (virtio 1.2, 5.2.6; not in every Linux header).</summary>
    public const uint TypeGetLifetime = 10;

    /// <summary>VIRTIO_BLK_T_DISCARD (VIRTIO_BLK_F_DISCARD): readable data is a list of <see cref="SegmentSize"/>-byte ranges.</summary>
    public const uint TypeDiscard = 11;

    /// <summary>VIRTIO_BLK_T_WRITE_ZEROES (VIRTIO_BLK_F_WRITE_ZEROES): same data as discard.</summary>
    public const uint TypeWriteZeroes = 13;

    /// <summary>VIRTIO_BLK_T_SECURE_ERASE (VIRTIO_BLK_F_SECURE_ERASE): same data as discard.</summary>
    public const uint TypeSecureErase = 14;

    /// <summary>VIRTIO_BLK_S_OK.</summary>
    public const byte StatusOk = 0;

    /// <summary>VIRTIO_BLK_S_IOERR: the request failed (bad shape, out of range, read-only device).</summary>
    public const byte StatusIoError = 1;

    /// <summary>VIRTIO_BLK_S_UNSUPP: the request type (or a flag of it) is not supported.</summary>
    public const byte StatusUnsupported = 2;

    /// <summary><c>sizeof(struct virtio_blk_discard_write_zeroes)</c>: sector le64 @0, num_sectors le32 @8, flags le32 @12.</summary>
    public const int SegmentSize = 16;

    /// <summary><c>offsetof(virtio_blk_discard_write_zeroes, sector)</c>.</summary>
    public const int SegmentSectorOffset = 0;

    /// <summary><c>offsetof(virtio_blk_discard_write_zeroes, num_sectors)</c>.</summary>
    public const int SegmentSectorCountOffset = 8;

    /// <summary><c>offsetof(virtio_blk_discard_write_zeroes, flags)</c>.</summary>
    public const int SegmentFlagsOffset = 12;

    /// <summary>VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP: the device may deallocate the zeroed range (invalid for discard).</summary>
    public const uint SegmentFlagUnmap = 1;

    /// <summary>Offsets of <c>struct virtio_blk_config</c> (5.2.4), packed, every field little-endian.</summary>
    public static class Config
    {
        /// <summary>capacity u64: size in 512-byte sectors.</summary>
        public const int Capacity = 0;
        /// <summary>size_max u32 (VIRTIO_BLK_F_SIZE_MAX).</summary>
        public const int SizeMax = 8;
        /// <summary>seg_max u32 (VIRTIO_BLK_F_SEG_MAX).</summary>
        public const int SegMax = 12;
        /// <summary>geometry.cylinders u16 (VIRTIO_BLK_F_GEOMETRY).</summary>
        public const int GeometryCylinders = 16;
        /// <summary>geometry.heads u8.</summary>
        public const int GeometryHeads = 18;
        /// <summary>geometry.sectors u8.</summary>
        public const int GeometrySectors = 19;
        /// <summary>blk_size u32 (VIRTIO_BLK_F_BLK_SIZE).</summary>
        public const int BlkSize = 20;
        /// <summary>topology.physical_block_exp u8 (VIRTIO_BLK_F_TOPOLOGY).</summary>
        public const int PhysicalBlockExp = 24;
        /// <summary>topology.alignment_offset u8.</summary>
        public const int AlignmentOffset = 25;
        /// <summary>topology.min_io_size u16.</summary>
        public const int MinIoSize = 26;
        /// <summary>topology.opt_io_size u32.</summary>
        public const int OptIoSize = 28;
        /// <summary>writeback u8 (Linux: wce; VIRTIO_BLK_F_CONFIG_WCE).</summary>
        public const int Writeback = 32;
        /// <summary>num_queues u16 (VIRTIO_BLK_F_MQ), after one unused byte.</summary>
        public const int NumQueues = 34;
        /// <summary>max_discard_sectors u32 (VIRTIO_BLK_F_DISCARD).</summary>
        public const int MaxDiscardSectors = 36;
        /// <summary>max_discard_seg u32.</summary>
        public const int MaxDiscardSeg = 40;
        /// <summary>discard_sector_alignment u32.</summary>
        public const int DiscardSectorAlignment = 44;
        /// <summary>max_write_zeroes_sectors u32 (VIRTIO_BLK_F_WRITE_ZEROES).</summary>
        public const int MaxWriteZeroesSectors = 48;
        /// <summary>max_write_zeroes_seg u32.</summary>
        public const int MaxWriteZeroesSeg = 52;
        /// <summary>write_zeroes_may_unmap u8, then three unused bytes.</summary>
        public const int WriteZeroesMayUnmap = 56;
        /// <summary>max_secure_erase_sectors u32 (VIRTIO_BLK_F_SECURE_ERASE).</summary>
        public const int MaxSecureEraseSectors = 60;
        /// <summary>max_secure_erase_seg u32.</summary>
        public const int MaxSecureEraseSeg = 64;
        /// <summary>secure_erase_sector_alignment u32.</summary>
        public const int SecureEraseSectorAlignment = 68;
        /// <summary><c>sizeof(struct virtio_blk_config)</c> with every field up to secure erase.</summary>
        public const int Size = 72;
    }
}

/// <summary>virtio-blk feature bits (virtio 1.2, 5.2.3) as masks, like <see cref="Virtio.VirtioFeatures"/>.</summary>
public static class BlkFeatures
{
    /// <summary>VIRTIO_BLK_F_SIZE_MAX (1): size_max holds the largest segment.</summary>
    public const ulong SizeMax = 1UL << 1;
    /// <summary>VIRTIO_BLK_F_SEG_MAX (2): seg_max holds the most segments per request.</summary>
    public const ulong SegMax = 1UL << 2;
    /// <summary>VIRTIO_BLK_F_GEOMETRY (4): legacy geometry is given.</summary>
    public const ulong Geometry = 1UL << 4;
    /// <summary>VIRTIO_BLK_F_RO (5): the device is read-only; writes fail with IOERR.</summary>
    public const ulong ReadOnly = 1UL << 5;
    /// <summary>VIRTIO_BLK_F_BLK_SIZE (6): blk_size holds the optimal block size.</summary>
    public const ulong BlkSize = 1UL << 6;
    /// <summary>VIRTIO_BLK_F_FLUSH (9): FLUSH is supported.</summary>
    public const ulong Flush = 1UL << 9;
    /// <summary>VIRTIO_BLK_F_TOPOLOGY (10): the topology fields are given.</summary>
    public const ulong Topology = 1UL << 10;
    /// <summary>VIRTIO_BLK_F_CONFIG_WCE (11): the writeback field can be toggled.</summary>
    public const ulong ConfigWce = 1UL << 11;
    /// <summary>VIRTIO_BLK_F_MQ (12): num_queues holds the queue count.</summary>
    public const ulong MultiQueue = 1UL << 12;
    /// <summary>VIRTIO_BLK_F_DISCARD (13): DISCARD is supported.</summary>
    public const ulong Discard = 1UL << 13;
    /// <summary>VIRTIO_BLK_F_WRITE_ZEROES (14): WRITE_ZEROES is supported.</summary>
    public const ulong WriteZeroes = 1UL << 14;
    /// <summary>VIRTIO_BLK_F_SECURE_ERASE (16): SECURE_ERASE is supported.</summary>
    public const ulong SecureErase = 1UL << 16;

    /// <summary>Whether <paramref name="features"/> holds every bit of <paramref name="feature"/>.</summary>
    public static bool Has(ulong features, ulong feature) => (features & feature) == feature;
}
