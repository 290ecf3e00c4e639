namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The rules every buffer of a chain must keep, the same for split and packed rings, checked as the walk appends it:
/// device-readable buffers come before device-writable ones (virtio 1.2, 2.7.4.2 / 2.8.6; vhost "descriptor has out
/// after in"), a buffer's range cannot wrap past the end of the 64-bit address space, and the chain's total length fits
/// in 32 bits. Buffer memory itself is never touched here. One instance per walk; <see cref="Reset"/> between chains.
/// </summary>
public struct ChainBufferRules
{
    private bool _seenWritable;
    private ulong _total;

    /// <summary>Starts a new chain.</summary>
    public void Reset()
    {
        _seenWritable = false;
        _total = 0;
    }

    /// <summary>
    /// Checks one buffer and, if it keeps every rule, counts it: returns null then, or the rule it breaks with a
    /// description.
    /// </summary>
    public (QueueRule Rule, string Problem)? Append(ulong address, uint length, bool writable)
    {
        if (!writable && _seenWritable) return (QueueRule.ReadableAfterWritable, "is device-readable after a device-writable buffer");
        if (length != 0 && address > ulong.MaxValue - (length - 1))
            return (QueueRule.BufferOutsideMemory, $"has buffer [0x{address:x}, +{length}) that wraps past the end of the address space");
        _total += length;
        if (_total > uint.MaxValue) return (QueueRule.ChainLengthOverflow, $"brings the chain's total length to {_total}, more than a u32");
        _seenWritable |= writable;
        return null;
    }
}
