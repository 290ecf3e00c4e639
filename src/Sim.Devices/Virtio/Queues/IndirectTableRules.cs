namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The rules for a descriptor that points to an indirect table, the same for split and packed rings
/// (virtio 1.2, 2.7.5.3.1 and 2.8.7; vhost "Indirect buffer length too big"): INDIRECT needs
/// VIRTIO_RING_F_INDIRECT_DESC, may not be combined with NEXT, and its length is a non-zero multiple of 16 bytes
/// covering at most 65,535 entries, and the table cannot wrap past the end of the 64-bit address space (it is refused
/// before any entry is read). The WRITE flag of the pointer itself is ignored.
/// </summary>
public static class IndirectTableRules
{
    /// <summary>The most entries an indirect table may have.</summary>
    public const int MaxEntries = 65535;

    /// <summary>Bytes of one descriptor in an indirect table (both formats).</summary>
    public const uint EntrySize = 16;

    /// <summary>
    /// The first rule a pointer breaks, with a description, or null if it is acceptable; <paramref name="entries"/> is
    /// the table's entry count when acceptable.
    /// </summary>
    public static (QueueRule Rule, string Problem)? Check(bool negotiated, bool hasNext, ulong address, uint length, out uint entries)
    {
        entries = 0;
        if (!negotiated) return (QueueRule.IndirectNotNegotiated, "is INDIRECT but VIRTIO_RING_F_INDIRECT_DESC was not negotiated");
        if (hasNext) return (QueueRule.IndirectWithNext, "sets both INDIRECT and NEXT");
        if (length == 0 || length % EntrySize != 0)
            return (QueueRule.IndirectLengthInvalid, $"points to an indirect table of length {length}, not a non-zero multiple of {EntrySize}");
        entries = length / EntrySize;
        if (entries > MaxEntries) return (QueueRule.IndirectTooLarge, $"points to an indirect table of {entries} entries, more than {MaxEntries}");
        if (address > ulong.MaxValue - (length - 1))
            return (QueueRule.BufferOutsideMemory, $"points to an indirect table [0x{address:x}, +{length}) that wraps past the end of the address space");
        return null;
    }
}
