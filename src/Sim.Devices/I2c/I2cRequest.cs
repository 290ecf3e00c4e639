using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.I2c;

/// <summary>What a popped virtio-i2c chain turned out to be.</summary>
public enum I2cRequestShape
{
    /// <summary>A well-formed request (it may still fail on the bus or carry reserved flags).</summary>
    Valid,
    /// <summary>The chain breaks the request layout of 5.16.6.1 / the driver requirements of 5.16.6.3: a finding.</summary>
    Malformed,
    /// <summary>The platform refused one of the chain's buffers.</summary>
    Refused,
}

/// <summary>
/// One virtio-i2c request read from its descriptor chain (virtio 1.2, 5.16.6.1): the device-readable
/// <c>virtio_i2c_out_hdr</c> (addr, padding, flags), then the optional buffer (device-readable for a write,
/// device-writable for a read with VIRTIO_I2C_FLAGS_M_RD), then the device-writable <c>virtio_i2c_in_hdr</c>. The
/// shape is checked against the driver requirements of 5.16.6.3 ("MUST set the VIRTIO_I2C_FLAGS_M_RD flag for a read
/// operation, where the buffer is write-only for the device", and not for a write): a chain without an 8-byte header,
/// without a status byte, or whose buffer's direction contradicts M_RD is <see cref="I2cRequestShape.Malformed"/>.
/// </summary>
/// <param name="Address">The <c>addr</c> field as sent (a 7-bit address in bits 1 to 7).</param>
/// <param name="Flags">The <c>flags</c> field.</param>
/// <param name="Length">The buffer's length (0 for a zero-length request).</param>
public readonly record struct I2cRequest(ushort Address, uint Flags, int Length)
{
    /// <summary>Flag bits the driver may set; the others are reserved as zero (5.16.6.1).</summary>
    public const uint KnownFlags = I2cLayout.FlagFailNext | I2cLayout.FlagMRd;

    /// <summary>Whether the request is a read (VIRTIO_I2C_FLAGS_M_RD).</summary>
    public bool IsRead => (Flags & I2cLayout.FlagMRd) != 0;

    /// <summary>Whether a failure fails the next request of the group (VIRTIO_I2C_FLAGS_FAIL_NEXT).</summary>
    public bool FailsNext => (Flags & I2cLayout.FlagFailNext) != 0;

    /// <summary>Whether <c>addr</c> is in the 7-bit form of 5.16.6.1 (bits 8 to 15 and bit 0 zero).</summary>
    public bool IsSevenBit => (Address & 0xFF01) == 0;

    /// <summary>The 7-bit target address (bits 1 to 7 of <c>addr</c>).</summary>
    public byte TargetAddress => (byte)((Address >> 1) & 0x7F);

    /// <summary>
    /// Writes the <c>virtio_i2c_out_hdr</c> of a message to 7-bit <paramref name="target"/> with <paramref name="flags"/>
    /// into <paramref name="header"/> (8 bytes): addr = target &lt;&lt; 1 (5.16.6.1's 7-bit form), padding 0, flags.
    /// </summary>
    public static void WriteHeader(Span<byte> header, byte target, uint flags)
    {
        if (target > 0x7F) throw new ArgumentOutOfRangeException(nameof(target), target, "a 7-bit I2C address is at most 0x7f");
        header[..I2cLayout.OutHdr.Size].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(header[I2cLayout.OutHdr.Addr..], (ushort)(target << 1));
        BinaryPrimitives.WriteUInt32LittleEndian(header[I2cLayout.OutHdr.Flags..], flags);
    }

    /// <summary>Reads and checks <paramref name="chain"/>'s header; <paramref name="problem"/> says what is wrong with a malformed one.</summary>
    public static I2cRequestShape Read(DescriptorChain chain, IDeviceMemory memory, out I2cRequest request, out string problem)
    {
        request = default;
        problem = "";
        if (chain.ReadableLength < I2cLayout.OutHdr.Size)
        {
            problem = $"chain {chain.Id}: {chain.ReadableLength} device-readable bytes, less than the {I2cLayout.OutHdr.Size}-byte virtio_i2c_out_hdr";
            return I2cRequestShape.Malformed;
        }
        if (chain.WritableLength < I2cLayout.InHdr.Size)
        {
            problem = $"chain {chain.Id}: no device-writable byte for the virtio_i2c_in_hdr status";
            return I2cRequestShape.Malformed;
        }
        Span<byte> header = stackalloc byte[I2cLayout.OutHdr.Size];
        if (chain.Read(memory, 0, header) < 0) return I2cRequestShape.Refused;
        ushort address = BinaryPrimitives.ReadUInt16LittleEndian(header[I2cLayout.OutHdr.Addr..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[I2cLayout.OutHdr.Flags..]);
        long readableData = chain.ReadableLength - I2cLayout.OutHdr.Size;
        long writableData = chain.WritableLength - I2cLayout.InHdr.Size;
        bool read = (flags & I2cLayout.FlagMRd) != 0;
        if (read && readableData > 0)
        {
            problem = $"chain {chain.Id}: a read (VIRTIO_I2C_FLAGS_M_RD) with {readableData} device-readable buffer bytes; its buffer must be device-writable";
            return I2cRequestShape.Malformed;
        }
        if (!read && writableData > 0)
        {
            problem = $"chain {chain.Id}: a write (no VIRTIO_I2C_FLAGS_M_RD) with {writableData} device-writable buffer bytes; its buffer must be device-readable";
            return I2cRequestShape.Malformed;
        }
        long length = read ? writableData : readableData;
        if (length > ushort.MaxValue)
        {
            problem = $"chain {chain.Id}: a {length}-byte buffer, longer than an I2C message can be (65535 bytes)";
            return I2cRequestShape.Malformed;
        }
        request = new I2cRequest(address, flags, (int)length);
        return I2cRequestShape.Valid;
    }
}
