namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// The rules every buffer of a chain must keep, the same for split and packed rings, checked as the walk appends it:
/// device-readable buffers come before device-writable ones (virtio 1.2, 2.7.4.2 / 2.8.17; vhost "descriptor has out
/// after in"); a buffer's range cannot wrap past the end of the 64-bit address space; the chain has at most as many
/// buffers as the queue size (2.7.5.3.1 / 2.8.17: "no descriptor chain longer than the Queue Size", which an indirect
/// table must keep too); and its buffers add up to at most 2^32 bytes (2.7.5.2 forbids only a chain <em>over</em>
/// 2^32 bytes, so exactly 2^32 is legal). Buffer memory itself is never touched here. One instance per walk;
/// <see cref="Reset"/> between chains.
/// </summary>
public struct ChainBufferRules
{
    /// <summary>The largest total length of a chain's buffers: 2^32 bytes (2.7.5.2).</summary>
    public const ulong MaxTotalLength = 1UL << 32;

    private bool _seenWritable;
    private ulong _total;
    private int _buffers;
    private int _maxBuffers;

    /// <summary>Starts a new chain in a queue of <paramref name="queueSize"/> descriptors.</summary>
    public void Reset(int queueSize)
    {
        _seenWritable = false;
        _total = 0;
        _buffers = 0;
        _maxBuffers = queueSize;
    }

    /// <summary>Buffers appended since <see cref="Reset"/>.</summary>
    public readonly int Buffers => _buffers;

    /// <summary>
    /// Whether <paramref name="more"/> further buffers still fit in the queue size (checked before an indirect table
    /// whose entries are all buffers is read): null if they do, or the rule with a description.
    /// </summary>
    public readonly (QueueRule Rule, string Problem)? CheckRoom(uint more) =>
        (long)_buffers + more > _maxBuffers
            ? (QueueRule.ChainLongerThanQueue, $"would make the chain {(long)_buffers + more} buffers long, more than the queue size {_maxBuffers}")
            : null;

    /// <summary>
    /// Checks one buffer and, if it keeps every rule, counts it: returns null then, or the rule it breaks with a
    /// description.
    /// </summary>
    public (QueueRule Rule, string Problem)? Append(ulong address, uint length, bool writable)
    {
        if (CheckRoom(1) is { } tooLong) return tooLong;
        if (!writable && _seenWritable) return (QueueRule.ReadableAfterWritable, "is device-readable after a device-writable buffer");
        if (length != 0 && address > ulong.MaxValue - (length - 1))
            return (QueueRule.BufferOutsideMemory, $"has buffer [0x{address:x}, +{length}) that wraps past the end of the address space");
        // Cannot overflow: at most 32768 buffers of under 2^32 bytes each.
        ulong total = _total + length;
        if (total > MaxTotalLength) return (QueueRule.ChainLengthOverflow, $"brings the chain's total length to {total} bytes, more than 2^32");
        _total = total;
        _seenWritable |= writable;
        _buffers++;
        return null;
    }
}
