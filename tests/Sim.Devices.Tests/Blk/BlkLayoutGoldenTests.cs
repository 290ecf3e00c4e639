using System.Globalization;
using System.Numerics;
using Sim.Devices.Blk;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// <see cref="BlkLayout"/> and <see cref="BlkFeatures"/> against Linux: <c>linux_virtio_blk_golden.c</c> (copied next
/// to the test assembly under Golden/), compiled with gcc against /usr/include/linux/virtio_blk.h, prints struct sizes,
/// field offsets, request types, status values, feature bits and constants; every line must have a C# counterpart equal
/// to it, and every C# constant must be printed unless it is newer than some Linux headers.
/// </summary>
public sealed class BlkLayoutGoldenTests
{
    /// <summary>Linux key → the simulator's value.</summary>
    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["layout.sizeof.virtio_blk_outhdr"] = BlkLayout.HeaderSize,
        ["layout.offsetof.virtio_blk_outhdr.type"] = BlkLayout.HeaderTypeOffset,
        ["layout.offsetof.virtio_blk_outhdr.ioprio"] = BlkLayout.HeaderIoPriorityOffset,
        ["layout.offsetof.virtio_blk_outhdr.sector"] = BlkLayout.HeaderSectorOffset,
        ["layout.sizeof.virtio_blk_discard_write_zeroes"] = BlkLayout.SegmentSize,
        ["layout.offsetof.virtio_blk_discard_write_zeroes.sector"] = BlkLayout.SegmentSectorOffset,
        ["layout.offsetof.virtio_blk_discard_write_zeroes.num_sectors"] = BlkLayout.SegmentSectorCountOffset,
        ["layout.offsetof.virtio_blk_discard_write_zeroes.flags"] = BlkLayout.SegmentFlagsOffset,
        ["layout.sizeof.virtio_blk_config"] = BlkLayout.Config.Size,
        ["layout.offsetof.virtio_blk_config.capacity"] = BlkLayout.Config.Capacity,
        ["layout.offsetof.virtio_blk_config.size_max"] = BlkLayout.Config.SizeMax,
        ["layout.offsetof.virtio_blk_config.seg_max"] = BlkLayout.Config.SegMax,
        ["layout.offsetof.virtio_blk_config.geometry.cylinders"] = BlkLayout.Config.GeometryCylinders,
        ["layout.offsetof.virtio_blk_config.geometry.heads"] = BlkLayout.Config.GeometryHeads,
        ["layout.offsetof.virtio_blk_config.geometry.sectors"] = BlkLayout.Config.GeometrySectors,
        ["layout.offsetof.virtio_blk_config.blk_size"] = BlkLayout.Config.BlkSize,
        ["layout.offsetof.virtio_blk_config.physical_block_exp"] = BlkLayout.Config.PhysicalBlockExp,
        ["layout.offsetof.virtio_blk_config.alignment_offset"] = BlkLayout.Config.AlignmentOffset,
        ["layout.offsetof.virtio_blk_config.min_io_size"] = BlkLayout.Config.MinIoSize,
        ["layout.offsetof.virtio_blk_config.opt_io_size"] = BlkLayout.Config.OptIoSize,
        ["layout.offsetof.virtio_blk_config.wce"] = BlkLayout.Config.Writeback,
        ["layout.offsetof.virtio_blk_config.num_queues"] = BlkLayout.Config.NumQueues,
        ["layout.offsetof.virtio_blk_config.max_discard_sectors"] = BlkLayout.Config.MaxDiscardSectors,
        ["layout.offsetof.virtio_blk_config.max_discard_seg"] = BlkLayout.Config.MaxDiscardSeg,
        ["layout.offsetof.virtio_blk_config.discard_sector_alignment"] = BlkLayout.Config.DiscardSectorAlignment,
        ["layout.offsetof.virtio_blk_config.max_write_zeroes_sectors"] = BlkLayout.Config.MaxWriteZeroesSectors,
        ["layout.offsetof.virtio_blk_config.max_write_zeroes_seg"] = BlkLayout.Config.MaxWriteZeroesSeg,
        ["layout.offsetof.virtio_blk_config.write_zeroes_may_unmap"] = BlkLayout.Config.WriteZeroesMayUnmap,
        ["layout.offsetof.virtio_blk_config.max_secure_erase_sectors"] = BlkLayout.Config.MaxSecureEraseSectors,
        ["layout.offsetof.virtio_blk_config.max_secure_erase_seg"] = BlkLayout.Config.MaxSecureEraseSeg,
        ["layout.offsetof.virtio_blk_config.secure_erase_sector_alignment"] = BlkLayout.Config.SecureEraseSectorAlignment,
        ["type.VIRTIO_BLK_T_IN"] = BlkLayout.TypeIn,
        ["type.VIRTIO_BLK_T_OUT"] = BlkLayout.TypeOut,
        ["type.VIRTIO_BLK_T_FLUSH"] = BlkLayout.TypeFlush,
        ["type.VIRTIO_BLK_T_GET_ID"] = BlkLayout.TypeGetId,
        ["type.VIRTIO_BLK_T_GET_LIFETIME"] = BlkLayout.TypeGetLifetime,
        ["type.VIRTIO_BLK_T_DISCARD"] = BlkLayout.TypeDiscard,
        ["type.VIRTIO_BLK_T_WRITE_ZEROES"] = BlkLayout.TypeWriteZeroes,
        ["type.VIRTIO_BLK_T_SECURE_ERASE"] = BlkLayout.TypeSecureErase,
        ["status.VIRTIO_BLK_S_OK"] = BlkLayout.StatusOk,
        ["status.VIRTIO_BLK_S_IOERR"] = BlkLayout.StatusIoError,
        ["status.VIRTIO_BLK_S_UNSUPP"] = BlkLayout.StatusUnsupported,
        ["feature.VIRTIO_BLK_F_SIZE_MAX"] = Bit(BlkFeatures.SizeMax),
        ["feature.VIRTIO_BLK_F_SEG_MAX"] = Bit(BlkFeatures.SegMax),
        ["feature.VIRTIO_BLK_F_GEOMETRY"] = Bit(BlkFeatures.Geometry),
        ["feature.VIRTIO_BLK_F_RO"] = Bit(BlkFeatures.ReadOnly),
        ["feature.VIRTIO_BLK_F_BLK_SIZE"] = Bit(BlkFeatures.BlkSize),
        ["feature.VIRTIO_BLK_F_FLUSH"] = Bit(BlkFeatures.Flush),
        ["feature.VIRTIO_BLK_F_TOPOLOGY"] = Bit(BlkFeatures.Topology),
        ["feature.VIRTIO_BLK_F_CONFIG_WCE"] = Bit(BlkFeatures.ConfigWce),
        ["feature.VIRTIO_BLK_F_MQ"] = Bit(BlkFeatures.MultiQueue),
        ["feature.VIRTIO_BLK_F_DISCARD"] = Bit(BlkFeatures.Discard),
        ["feature.VIRTIO_BLK_F_WRITE_ZEROES"] = Bit(BlkFeatures.WriteZeroes),
        ["feature.VIRTIO_BLK_F_SECURE_ERASE"] = Bit(BlkFeatures.SecureErase),
        ["const.VIRTIO_BLK_ID_BYTES"] = BlkLayout.IdBytes,
        ["const.VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP"] = BlkLayout.SegmentFlagUnmap,
    };

    /// <summary>Keys some linux-libc-dev versions lack (GET_LIFETIME is in virtio 1.2 but not in the UAPI header; the rest are newer).</summary>
    private static readonly HashSet<string> NewerThanSomeHeaders =
    [
        "type.VIRTIO_BLK_T_GET_LIFETIME", "type.VIRTIO_BLK_T_DISCARD", "type.VIRTIO_BLK_T_WRITE_ZEROES",
        "type.VIRTIO_BLK_T_SECURE_ERASE", "feature.VIRTIO_BLK_F_DISCARD", "feature.VIRTIO_BLK_F_WRITE_ZEROES",
        "feature.VIRTIO_BLK_F_SECURE_ERASE", "const.VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP",
        "layout.offsetof.virtio_blk_config.max_secure_erase_sectors", "layout.offsetof.virtio_blk_config.max_secure_erase_seg",
        "layout.offsetof.virtio_blk_config.secure_erase_sector_alignment",
    ];

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(Load);

    [Fact]
    public void Every_line_linux_prints_has_a_blk_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: 45);
    }

    [Fact]
    public void Every_blk_constant_is_compared_unless_newer_than_the_installed_header()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, NewerThanSomeHeaders, "linux_virtio_blk_golden.c");
    }

    [Fact]
    public void The_request_header_and_config_layout_match_linux()
    {
        var layout = LazyLines.Value.Where(l => l.Key.StartsWith("layout.", StringComparison.Ordinal)).ToList();
        Assert.Equal(28, layout.Count(l => !NewerThanSomeHeaders.Contains(l.Key)));
        Assert.All(layout, l => Assert.Equal(l.Value, Counterparts[l.Key]));
    }

    private static ulong Bit(ulong mask) => (ulong)BitOperations.Log2(mask);

    private static IReadOnlyList<(int Number, string Key, ulong Value)> Load() => GoldenLines.Load("linux_virtio_blk_golden.c");
}
