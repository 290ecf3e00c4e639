using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Split;

/// <summary>
/// The device's half of a split virtqueue (virtio 1.2, 2.7), reaching guest memory only through its
/// <see cref="IDeviceMemory"/> access path. It reads the available ring and the descriptor table, and writes only the
/// used ring (flags, elements, idx, avail_event) and, through <see cref="DescriptorChain.Write"/>, the writable
/// buffers of chains it popped. Mirrors vhost's <c>vhost_get_vq_desc</c>, <c>vhost_add_used</c>, <c>vhost_notify</c>
/// and <c>vhost_enable_notify</c>. Allocation-free in steady state.
/// </summary>
/// <remarks>
/// Buffer reachability: validation never touches buffer memory. A buffer whose range wraps past 2^64 is refused at
/// pop time (<see cref="QueueRule.BufferOutsideMemory"/>); any other unreachable buffer is refused by the access path
/// when the device model moves data (<see cref="DescriptorChain.Read"/> / <see cref="DescriptorChain.Write"/> return
/// -1), and the device model then calls <see cref="ReportRefusedBuffer"/>.
/// </remarks>
public sealed class SplitDeviceQueue : IDeviceQueue
{
    private readonly IDeviceMemory _memory;
    private readonly IQueueViolationSink _sink;
    private readonly SplitChainWalker _walker;
    private readonly ushort _mask;
    private readonly ulong _avail;
    private readonly ulong _used;

    private ushort _lastAvail;      // next avail ring position to pop (vhost last_avail_idx)
    private ushort _availShadow;    // avail idx as last read (vhost avail_idx)
    private ushort _lastUsed;       // used idx as last published
    private ushort _signalledUsed;  // used idx at the previous InterruptNeeded

    private SplitDeviceQueue(IDeviceMemory memory, QueueConfig config, IQueueViolationSink sink, ushort startIndex)
    {
        _memory = memory;
        _sink = sink;
        Config = config;
        _walker = new SplitChainWalker(memory, config);
        _mask = (ushort)(config.Size - 1);
        _avail = config.DriverArea;
        _used = config.DeviceArea;
        _lastAvail = _availShadow = _lastUsed = _signalledUsed = startIndex;
    }

    /// <summary>
    /// Validates <paramref name="config"/> (size, alignment, rings reachable through <paramref name="memory"/>) and
    /// returns the device queue, or reports the broken rule to <paramref name="sink"/> and returns null.
    /// </summary>
    public static SplitDeviceQueue? TryCreate(IDeviceMemory memory, QueueConfig config, IQueueViolationSink sink) =>
        TryCreate(memory, config, sink, startIndex: 0);

    /// <summary>
    /// Test support: a queue whose indexes start at <paramref name="startIndex"/>, as after that many round trips
    /// (so that tests reach the 65535 → 0 wrap quickly). Writes used idx (and avail_event with EVENT_IDX) to match;
    /// pair it with the driver's constructor of the same start index.
    /// </summary>
    internal static SplitDeviceQueue? TryCreate(IDeviceMemory memory, QueueConfig config, IQueueViolationSink sink, ushort startIndex)
    {
        if (config.IsPacked) throw new ArgumentException("VIRTIO_F_RING_PACKED was negotiated: this queue is packed, not split", nameof(config));
        if (SplitQueueConfigCheck.TryFindViolation(memory, config, out var rule, out string detail))
        {
            sink.Violation(rule, detail);
            return null;
        }
        var queue = new SplitDeviceQueue(memory, config, sink, startIndex);
        if (startIndex != 0)
        {
            queue.WriteUsed(SplitLayout.RingIdx, startIndex);
            if (config.EventIdx) queue.WriteUsed(SplitLayout.AvailEventOffset(config.Size), startIndex);
        }
        return queue.IsBroken ? null : queue;
    }

    /// <inheritdoc />
    public QueueConfig Config { get; }

    /// <inheritdoc />
    public bool IsBroken { get; private set; }

    /// <summary>Chains popped so far, modulo 2^16 (vhost <c>last_avail_idx</c>).</summary>
    public ushort LastAvailIndex => _lastAvail;

    /// <summary>The used idx as last published.</summary>
    public ushort UsedIndex => _lastUsed;

    /// <inheritdoc />
    public bool TryPop(DescriptorChain chain)
    {
        if (IsBroken) return false;
        if (_lastAvail == _availShadow && (!TryRefreshAvail() || _lastAvail == _availShadow)) return false;
        // Acquire (virtio_rmb): avail idx was read before the ring entry; pairs with the driver's release on idx.
        ulong slot = SplitLayout.AvailEntryOffset(_lastAvail & _mask);
        if (!TryReadAvail(slot, out ushort head)) return false;
        if (head >= Config.Size)
            return Break(QueueRule.DescriptorIndexOutOfRange, $"avail ring entry {_lastAvail & _mask} (avail index {_lastAvail}) holds head {head}, queue size is {Config.Size}");
        if (!_walker.TryWalk(head, chain)) return Break(_walker.Rule, _walker.Detail);
        _lastAvail++;
        return true;
    }

    /// <inheritdoc />
    /// <remarks>A no-op on a broken queue: the device needs a reset and the rings are no longer trusted.</remarks>
    public void PushUsed(ushort id, int descriptorCount, uint writtenLength)
    {
        if (id >= Config.Size) throw new ArgumentOutOfRangeException(nameof(id), id, $"buffer id must be below the queue size {Config.Size}");
        if (IsBroken) return;
        Span<byte> element = stackalloc byte[SplitLayout.UsedElementSize];
        BinaryPrimitives.WriteUInt32LittleEndian(element, id);
        BinaryPrimitives.WriteUInt32LittleEndian(element[4..], writtenLength);
        ulong at = _used + SplitLayout.UsedEntryOffset(_lastUsed & _mask);
        if (_memory.Write(at, element) != AccessVerdict.Allowed)
        {
            Break(QueueRule.RingOutsideMemory, $"used element {_lastUsed & _mask} at 0x{at:x} is not reachable");
            return;
        }
        // Release (virtio_wmb): the element is written before the used idx that publishes it (2.7.8.2).
        _lastUsed++;
        WriteUsed(SplitLayout.RingIdx, _lastUsed);
    }

    /// <inheritdoc />
    public bool InterruptNeeded()
    {
        if (IsBroken) return false;
        ushort old = _signalledUsed, now = _lastUsed;
        _signalledUsed = now;
        if (old == now) return false;
        // Full barrier (smp_mb): the used idx store is visible before the driver's suppression state is read; pairs
        // with the barrier in the driver's EnableInterrupts, so one of the two sides always sees the other.
        if (Config.EventIdx)
            return TryReadAvail(SplitLayout.UsedEventOffset(Config.Size), out ushort usedEvent) && EventIndex.NeedEvent(usedEvent, now, old);
        return TryReadAvail(SplitLayout.RingFlags, out ushort flags) && (flags & SplitLayout.AvailFlagNoInterrupt) == 0;
    }

    /// <inheritdoc />
    /// <remarks>Without EVENT_IDX: sets VRING_USED_F_NO_NOTIFY. With EVENT_IDX: nothing is written (vhost leaves avail_event).</remarks>
    public void DisableNotifications()
    {
        if (IsBroken || Config.EventIdx) return;
        WriteUsed(SplitLayout.RingFlags, SplitLayout.UsedFlagNoNotify);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Without EVENT_IDX clears VRING_USED_F_NO_NOTIFY; with EVENT_IDX writes avail_event = the next index to pop, so
    /// the driver kicks when it makes that entry available. Then re-reads avail idx: false if chains are waiting.
    /// A broken queue returns true (there is nothing it will pop).
    /// </remarks>
    public bool EnableNotifications()
    {
        if (IsBroken) return true;
        if (Config.EventIdx) WriteUsed(SplitLayout.AvailEventOffset(Config.Size), _lastAvail);
        else WriteUsed(SplitLayout.RingFlags, 0);
        // Full barrier (smp_mb): the suppression state is visible before avail idx is re-read; pairs with the
        // driver's barrier between publishing avail idx and reading it in KickNeeded.
        if (!TryRefreshAvail()) return true;
        return _availShadow == _lastAvail;
    }

    /// <summary>
    /// Reports that the access path refused a buffer of <paramref name="chain"/> (a <see cref="DescriptorChain.Read"/>
    /// or <see cref="DescriptorChain.Write"/> returned -1) as <see cref="QueueRule.BufferOutsideMemory"/>, naming the
    /// chain's buffers, and marks the queue broken.
    /// </summary>
    public void ReportRefusedBuffer(DescriptorChain chain)
    {
        var buffers = new System.Text.StringBuilder();
        foreach (var segment in chain.Segments)
            buffers.Append($" [0x{segment.Address:x}, +{segment.Length}){(segment.DeviceWritable ? "w" : "r")}");
        Break(QueueRule.BufferOutsideMemory, $"chain {chain.Id}: the access path refused a buffer of the chain:{buffers}");
    }

    /// <summary>Reads avail idx into the shadow, checking it moved at most N past the last popped index (2.7.6).</summary>
    private bool TryRefreshAvail()
    {
        if (!TryReadAvail(SplitLayout.RingIdx, out ushort idx)) return false;
        if ((ushort)(idx - _lastAvail) > Config.Size)
            return Break(QueueRule.AvailIndexJump, $"avail idx is {idx}, last popped index is {_lastAvail}: a move of {(ushort)(idx - _lastAvail)} (mod 2^16) exceeds queue size {Config.Size}");
        _availShadow = idx;
        return true;
    }

    private bool TryReadAvail(ulong offset, out ushort value)
    {
        if (_memory.ReadUInt16(_avail + offset, out value) == AccessVerdict.Allowed) return true;
        return Break(QueueRule.RingOutsideMemory, $"available ring field at 0x{_avail + offset:x} is not reachable");
    }

    private void WriteUsed(ulong offset, ushort value)
    {
        if (_memory.WriteUInt16(_used + offset, value) != AccessVerdict.Allowed)
            Break(QueueRule.RingOutsideMemory, $"used ring field at 0x{_used + offset:x} is not reachable");
    }

    private bool Break(QueueRule rule, string detail)
    {
        IsBroken = true;
        _sink.Violation(rule, detail);
        return false;
    }
}
