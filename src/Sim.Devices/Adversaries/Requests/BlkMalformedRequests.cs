using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Devices.Blk;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-blk requests for a hostile driver (virtio 1.2, 5.2.6): a <c>virtio_blk_outhdr</c>, data, and the status byte the
/// device writes last. Well-formed: a one-sector write or read within the disk's <paramref name="capacitySectors"/>.
/// Garbage: any type, priority and sector, zero to two data buffers of any length and direction, the status byte
/// sometimes missing. A type the device does not know, or one whose feature the driver did not negotiate (discard, write
/// zeroes, secure erase, lifetime), must be answered UNSUPP, a read or write far past the disk IOERR (5.2.6.1); anything
/// else (FLUSH too, which a device may carry out without VIRTIO_BLK_F_FLUSH) may succeed or fail.
/// </summary>
public sealed class BlkMalformedRequests(ulong capacitySectors) : IMalformedRequests
{
    private static readonly uint[] Types = [BlkLayout.TypeIn, BlkLayout.TypeOut, BlkLayout.TypeFlush, BlkLayout.TypeGetId, BlkLayout.TypeGetLifetime,
        BlkLayout.TypeDiscard, BlkLayout.TypeWriteZeroes, BlkLayout.TypeSecureErase];

    private static readonly Func<byte[], uint, Answer> Judge =
        RequestJudges.StatusAtEnd(BlkLayout.StatusOk, BlkLayout.StatusIoError, BlkLayout.StatusUnsupported);

    /// <inheritdoc />
    public ulong Features => 0;

    /// <inheritdoc />
    public int QueueCount => 1;

    /// <inheritdoc />
    public int RequestQueue => 0;

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random)
    {
        ulong sector = random.NextUInt64(Math.Min(capacitySectors, 64));
        return random.Next(2) == 0
            ? new HostileRequest("well-formed", [Header(BlkLayout.TypeOut, sector), RequestJudges.Bytes(random, BlkLayout.SectorSize)], [BlkLayout.StatusSize], Expectation.MustSucceed, true, Judge)
            : new HostileRequest("well-formed", [Header(BlkLayout.TypeIn, sector)], [BlkLayout.SectorSize, BlkLayout.StatusSize], Expectation.MustSucceed, true, Judge);
    }

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        uint type = random.Next(4) == 0 ? (uint)random.Next() : Types[random.Next(Types.Length)];
        ulong sector = random.Next(2) == 0 ? random.NextUInt64(capacitySectors + 16) : random.NextUInt64();
        var header = Header(type, sector);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(BlkLayout.HeaderIoPriorityOffset), (uint)random.Next());
        var readable = new List<byte[]> { header };
        var writable = new List<int>();
        for (int i = random.Next(3); i > 0; i--)
        {
            int length = random.Next(2) == 0 ? BlkLayout.SectorSize * random.Next(1, 8) : random.Next(1, 4096);
            if (random.Next(2) == 0) readable.Add(RequestJudges.Bytes(random, length));
            else writable.Add(length);
        }
        if (random.Next(8) != 0) writable.Add(BlkLayout.StatusSize);
        // FLUSH without VIRTIO_BLK_F_FLUSH is the driver's error (5.2.6.2), which a device may carry out as QEMU does.
        bool known = type is BlkLayout.TypeIn or BlkLayout.TypeOut or BlkLayout.TypeGetId or BlkLayout.TypeFlush;
        bool farOut = type is BlkLayout.TypeIn or BlkLayout.TypeOut && sector > capacitySectors + 8;
        return new HostileRequest("garbage-header", readable, writable, known && !farOut ? Expectation.Either : Expectation.MustFail, true, Judge,
            $"type {type} sector {sector}, readable {string.Join("+", readable.Select(b => b.Length))}, writable {string.Join("+", writable)}");
    }

    private static byte[] Header(uint type, ulong sector)
    {
        var header = new byte[BlkLayout.HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(BlkLayout.HeaderTypeOffset), type);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(BlkLayout.HeaderSectorOffset), sector);
        return header;
    }
}
