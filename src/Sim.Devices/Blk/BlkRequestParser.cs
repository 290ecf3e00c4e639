using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Blk;

/// <summary>
/// Turns a popped descriptor chain into a <see cref="BlkRequest"/> (virtio 1.2, 5.2.6): a 16-byte header in the
/// readable part (it may span several buffers), then the data (readable for OUT and the range types, writable for IN and
/// GET_ID), then the status byte, the last byte of the writable part. Reads go through
/// <see cref="DescriptorChain.Read"/> only. A bad shape gives a <see cref="BlkParseError"/> (its status:
/// <see cref="BlkParseErrors.StatusFor"/>) and a problem text naming the chain and what was expected.
/// </summary>
/// <param name="capacitySectors">The device's capacity in 512-byte sectors (config <c>capacity</c>).</param>
/// <param name="features">The negotiated device features (<see cref="BlkFeatures"/>): RO, DISCARD, WRITE_ZEROES, SECURE_ERASE.</param>
public sealed class BlkRequestParser(ulong capacitySectors, ulong features)
{
    private static readonly IReadOnlyList<BlkSectorRange> NoRanges = [];

    /// <summary>The capacity requests are checked against.</summary>
    public ulong CapacitySectors { get; } = capacitySectors;

    /// <summary>The negotiated features.</summary>
    public ulong Features { get; } = features;

    /// <summary>Parses <paramref name="chain"/>; false with a <paramref name="problem"/> when it is not a valid request.</summary>
    public bool TryParse(DescriptorChain chain, IDeviceMemory memory, out BlkRequest? request, out string problem) =>
        TryParse(chain, memory, out request, out _, out problem);

    /// <summary>
    /// Parses <paramref name="chain"/>; false with an <paramref name="error"/> (which decides the status) and a
    /// <paramref name="problem"/> text when it is not a valid request.
    /// </summary>
    public bool TryParse(
        DescriptorChain chain, IDeviceMemory memory, out BlkRequest? request, out BlkParseError error,
        out string problem)
    {
        request = null;
        error = Check(chain, memory, ref request, out problem);
        return error == BlkParseError.None;
    }

    private BlkParseError Check(DescriptorChain chain, IDeviceMemory memory, ref BlkRequest? request, out string problem)
    {
        // Problem texts name the chain; they are built only on the failing path, as a valid request needs none.
        problem = "";
        // 5.2.6: the status byte is the last byte the device writes.
        if (chain.WritableLength < BlkLayout.StatusSize)
            return Fail(BlkParseError.NoStatusByte, $"{Where(chain)}: no writable byte for the status (readable {chain.ReadableLength} B, writable 0 B)", out problem);
        if (chain.ReadableLength < BlkLayout.HeaderSize)
            return Fail(BlkParseError.HeaderTooShort, $"{Where(chain)}: {chain.ReadableLength} readable bytes, a virtio_blk_outhdr needs {BlkLayout.HeaderSize}", out problem);

        Span<byte> header = stackalloc byte[BlkLayout.HeaderSize];
        if (chain.Read(memory, 0, header) != BlkLayout.HeaderSize)
            return Fail(BlkParseError.BufferRefused, $"{Where(chain)}: the access path refused the header buffer", out problem);
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(header[BlkLayout.HeaderTypeOffset..]);
        uint ioprio = BinaryPrimitives.ReadUInt32LittleEndian(header[BlkLayout.HeaderIoPriorityOffset..]);
        ulong sector = BinaryPrimitives.ReadUInt64LittleEndian(header[BlkLayout.HeaderSectorOffset..]);
        string name = BlkRequestTypes.Name(type);

        long readableData = chain.ReadableLength - BlkLayout.HeaderSize;
        long writableData = chain.WritableLength - BlkLayout.StatusSize;
        long statusOffset = chain.WritableLength - BlkLayout.StatusSize;
        bool readOnly = BlkFeatures.Has(Features, BlkFeatures.ReadOnly);

        switch (type)
        {
            case BlkLayout.TypeIn:
            case BlkLayout.TypeOut:
            {
                bool isIn = type == BlkLayout.TypeIn;
                long wrong = isIn ? readableData : writableData;
                if (wrong != 0)
                    return Fail(BlkParseError.DataDirection, $"{Where(chain, name)}: {wrong} data bytes are device-{(isIn ? "readable" : "writable")}; {(isIn ? "IN data must be writable" : "OUT data must be readable")}", out problem);
                long length = isIn ? writableData : readableData;
                if (length % BlkLayout.SectorSize != 0 || length > uint.MaxValue)
                    return Fail(BlkParseError.DataLength, $"{Where(chain, name)}: {length} data bytes, not a multiple of {BlkLayout.SectorSize}", out problem);
                if (!isIn && readOnly)
                    return Fail(BlkParseError.ReadOnly, $"{Where(chain, name)}: write to a read-only device (VIRTIO_BLK_F_RO)", out problem);
                ulong count = (ulong)length / BlkLayout.SectorSize;
                if (!InRange(sector, count))
                    return Fail(BlkParseError.SectorOutOfRange, $"{Where(chain, name)}: sectors {sector}+{count} reach past the capacity of {CapacitySectors} sectors", out problem);
                request = new BlkRequest(type, ioprio, sector, isIn ? 0 : BlkLayout.HeaderSize, (uint)length, isIn, statusOffset, NoRanges);
                return BlkParseError.None;
            }
            case BlkLayout.TypeFlush:
                if (readableData != 0 || writableData != 0)
                    return Fail(BlkParseError.DataDirection, $"{Where(chain, name)}: a flush carries no data, got {readableData} readable and {writableData} writable data bytes", out problem);
                request = new BlkRequest(type, ioprio, sector, 0, 0, false, statusOffset, NoRanges);
                return BlkParseError.None;
            case BlkLayout.TypeGetId:
                if (readableData != 0)
                    return Fail(BlkParseError.DataDirection, $"{Where(chain, name)}: {readableData} data bytes are device-readable; the id buffer must be writable", out problem);
                request = new BlkRequest(type, ioprio, sector, 0, (uint)Math.Min(writableData, uint.MaxValue), true, statusOffset, NoRanges);
                return BlkParseError.None;
            case BlkLayout.TypeDiscard:
            case BlkLayout.TypeWriteZeroes:
            case BlkLayout.TypeSecureErase:
                return CheckRanges(chain, memory, type, ioprio, sector, readableData, writableData, statusOffset, readOnly, Where(chain, name), ref request, out problem);
            default:
                return Fail(BlkParseError.Unsupported, $"{Where(chain, name)}: request type not supported", out problem);
        }
    }

    /// <summary>DISCARD, WRITE_ZEROES, SECURE_ERASE: readable data of 16-byte ranges (5.2.6, 5.2.6.2).</summary>
    private BlkParseError CheckRanges(
        DescriptorChain chain, IDeviceMemory memory, uint type, uint ioprio, ulong sector, long readableData, long writableData,
        long statusOffset, bool readOnly, string where, ref BlkRequest? request, out string problem)
    {
        problem = "";
        ulong feature = type switch
        {
            BlkLayout.TypeDiscard => BlkFeatures.Discard,
            BlkLayout.TypeWriteZeroes => BlkFeatures.WriteZeroes,
            _ => BlkFeatures.SecureErase,
        };
        if (!BlkFeatures.Has(Features, feature))
            return Fail(BlkParseError.Unsupported, $"{where}: its feature was not negotiated", out problem);
        if (writableData != 0)
            return Fail(BlkParseError.DataDirection, $"{where}: {writableData} data bytes are device-writable; ranges must be readable", out problem);
        if (readableData == 0 || readableData % BlkLayout.SegmentSize != 0)
            return Fail(BlkParseError.DataLength, $"{where}: {readableData} range bytes, expected a non-zero multiple of {BlkLayout.SegmentSize}", out problem);
        if (readOnly)
            return Fail(BlkParseError.ReadOnly, $"{where}: write to a read-only device (VIRTIO_BLK_F_RO)", out problem);

        var ranges = new BlkSectorRange[readableData / BlkLayout.SegmentSize];
        Span<byte> segment = stackalloc byte[BlkLayout.SegmentSize];
        for (int i = 0; i < ranges.Length; i++)
        {
            if (chain.Read(memory, BlkLayout.HeaderSize + (long)i * BlkLayout.SegmentSize, segment) != BlkLayout.SegmentSize)
                return Fail(BlkParseError.BufferRefused, $"{where}: the access path refused range {i}", out problem);
            var range = new BlkSectorRange(
                BinaryPrimitives.ReadUInt64LittleEndian(segment[BlkLayout.SegmentSectorOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(segment[BlkLayout.SegmentSectorCountOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(segment[BlkLayout.SegmentFlagsOffset..]));
            // 5.2.6.2: UNSUPP for discard / secure erase with the unmap flag, and for unknown flags.
            uint allowed = type == BlkLayout.TypeWriteZeroes ? BlkLayout.SegmentFlagUnmap : 0;
            if ((range.Flags & ~allowed) != 0)
                return Fail(BlkParseError.Unsupported, $"{where}: range {i} has flags 0x{range.Flags:x}, allowed 0x{allowed:x}", out problem);
            if (!InRange(range.Sector, range.SectorCount))
                return Fail(BlkParseError.SectorOutOfRange, $"{where}: range {i} sectors {range.Sector}+{range.SectorCount} reach past the capacity of {CapacitySectors} sectors", out problem);
            ranges[i] = range;
        }
        request = new BlkRequest(type, ioprio, sector, BlkLayout.HeaderSize, (uint)readableData, false, statusOffset, ranges);
        return BlkParseError.None;
    }

    /// <summary>How problem texts name <paramref name="chain"/> before its type is known.</summary>
    private static string Where(DescriptorChain chain) => $"virtio-blk chain {chain.Id}";

    /// <summary>How problem texts name <paramref name="chain"/>, a request of type <paramref name="name"/>.</summary>
    private static string Where(DescriptorChain chain, string name) => $"virtio-blk chain {chain.Id} ({name})";

    private bool InRange(ulong sector, ulong count) => sector <= CapacitySectors && count <= CapacitySectors - sector;

    private static BlkParseError Fail(BlkParseError error, string text, out string problem)
    {
        problem = text;
        return error;
    }
}
