using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// The device's half of a packed virtqueue (virtio 1.2, 2.8; QEMU <c>virtqueue_packed_pop</c>,
/// <c>virtqueue_packed_fill_desc</c>, <c>virtio_packed_should_notify</c>), reaching guest memory only through its
/// access path. Two positions, each with a wrap counter starting at 1: the next slot to pop (a chain is available when
/// its first descriptor has AVAIL = wrap and USED ≠ wrap; each later descriptor must then be available too, for the
/// wrap counter of its own slot, or the chain is refused before any of its buffers is used) and the next slot to mark used. A used descriptor carries
/// the buffer id and the bytes written, with AVAIL = USED = the used wrap counter, and the used position then skips as
/// many slots as the chain (or in-order batch) took. The first broken rule goes to the sink and leaves the queue
/// <see cref="IsBroken"/>: from then on it touches guest memory no more. Popped chains hold unchecked buffers:
/// <see cref="DescriptorChain.Read"/> / <see cref="DescriptorChain.Write"/> return -1 if the access path refuses one.
/// Allocation-free in steady state.
/// </summary>
public sealed class PackedDeviceQueue : IDeviceQueue
{
    private readonly IDeviceMemory _memory;
    private readonly IQueueViolationSink _sink;
    private readonly PackedChainWalker _walker;
    private readonly int _size;
    private readonly ulong _ring;
    private readonly bool _eventIdx;
    private readonly bool _inOrder;
    private PackedRingPosition _nextAvail = PackedRingPosition.Start;
    private PackedRingPosition _nextUsed = PackedRingPosition.Start;
    private int _poppedNotUsed; // ring slots popped and not yet given back as used
    private int _usedSinceInterruptDecision;

    private PackedDeviceQueue(IDeviceMemory memory, QueueConfig config, IQueueViolationSink sink)
    {
        _memory = memory;
        _sink = sink;
        Config = config;
        _size = config.Size;
        _ring = config.DescriptorTable;
        _eventIdx = config.EventIdx;
        _inOrder = VirtioFeatures.Has(config.Features, VirtioFeatures.InOrder);
        _walker = new PackedChainWalker(memory, _size, _ring, config.IndirectDescriptors);
    }

    /// <summary>
    /// Checks <paramref name="config"/> as the device does when the driver sets the queue ready: size in [1, 32768]
    /// (<see cref="QueueRule.InvalidQueueSize"/>), ring 16-aligned and event structures 4-aligned
    /// (<see cref="QueueRule.MisalignedRing"/>), all three reachable through the access path, probed by reading their
    /// first and last byte (<see cref="QueueRule.RingOutsideMemory"/>). Reports the first problem and returns null.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> does not negotiate VIRTIO_F_RING_PACKED (a wiring error, not a guest one).</exception>
    public static PackedDeviceQueue? TryCreate(IDeviceMemory memory, QueueConfig config, IQueueViolationSink sink) =>
        TryCreate(memory, config, sink, PackedRingPosition.Start);

    /// <summary>
    /// Test support: a queue whose next slot to pop and next slot to mark used are both <paramref name="start"/>, as
    /// after round trips that brought both there (so that tests reach any slot and wrap counter in one step). Pair it
    /// with a ring image whose earlier laps are used.
    /// </summary>
    internal static PackedDeviceQueue? TryCreate(IDeviceMemory memory, QueueConfig config, IQueueViolationSink sink, PackedRingPosition start)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sink);
        if (!config.IsPacked) throw new ArgumentException("the configuration does not negotiate VIRTIO_F_RING_PACKED", nameof(config));
        string? problem = null;
        var rule = QueueRule.InvalidQueueSize;
        if (!PackedLayout.IsValidSize(config.Size))
            problem = $"packed queue size {config.Size} is outside [1, {PackedLayout.MaxQueueSize}]";
        else if ((problem = Misalignment(config)) is not null)
            rule = QueueRule.MisalignedRing;
        else if ((problem = Unreachable(memory, config)) is not null)
            rule = QueueRule.RingOutsideMemory;
        if (problem is null)
        {
            if (start.Index >= config.Size) throw new ArgumentOutOfRangeException(nameof(start), start, $"slot must be below the queue size {config.Size}");
            return new PackedDeviceQueue(memory, config, sink) { _nextAvail = start, _nextUsed = start };
        }
        sink.Violation(rule, problem);
        return null;
    }

    /// <inheritdoc />
    public QueueConfig Config { get; }

    /// <inheritdoc />
    public bool IsBroken { get; private set; }

    /// <inheritdoc />
    public bool TryPop(DescriptorChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (IsBroken) return false;
        if (!_walker.TryReadSlot(_nextAvail.Index, out var head)) return Break(_walker.Rule, _walker.Detail);
        if (!PackedDescriptor.IsAvailable(head.Flags, _nextAvail.WrapCounter)) return false;
        if (!_walker.TryWalk(head, _nextAvail.Index, _nextAvail.WrapCounter, chain)) return Break(_walker.Rule, _walker.Detail);
        _nextAvail = _nextAvail.Advance(chain.DescriptorCount, _size);
        _poppedNotUsed += chain.DescriptorCount;
        return true;
    }

    /// <inheritdoc />
    /// <remarks>Does nothing once the queue is broken.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The id or count is impossible, or more slots than were popped (a device-model bug).</exception>
    public void PushUsed(ushort id, int descriptorCount, uint writtenLength) => Publish(id, descriptorCount, writtenLength);

    /// <summary>
    /// VIRTIO_F_IN_ORDER batch (virtio 1.2, 2.8.8): one used descriptor for the chains popped since the last one, in
    /// the order they were popped, naming the last chain's id <paramref name="lastId"/> with
    /// <paramref name="writtenLength"/> = bytes written into that last chain; the used position skips
    /// <paramref name="totalDescriptors"/> slots, the batch's chains together. The driver counts the earlier chains as
    /// fully written (their whole writable length), as Linux does. Does nothing once the queue is broken.
    /// </summary>
    /// <exception cref="InvalidOperationException">VIRTIO_F_IN_ORDER was not negotiated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The id or count is impossible, or more slots than were popped.</exception>
    public void PushUsedBatch(ushort lastId, int totalDescriptors, uint writtenLength)
    {
        if (!_inOrder) throw new InvalidOperationException("a used batch needs VIRTIO_F_IN_ORDER");
        Publish(lastId, totalDescriptors, writtenLength);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the driver event suppression structure: ENABLE → interrupt, DISABLE → not, DESC (EVENT_IDX) → interrupt
    /// if the used position moved over its off_wrap since the last call. DESC without EVENT_IDX, an offset ≥ N or an
    /// unknown flags value breaks the queue (<see cref="QueueRule.InvalidPackedDescriptor"/>) and interrupts, since a
    /// spurious interrupt is harmless and a missing one is not. False when nothing was used since the last call.
    /// </remarks>
    public bool InterruptNeeded()
    {
        int used = _usedSinceInterruptDecision;
        if (IsBroken || used == 0) return false;
        _usedSinceInterruptDecision = 0;
        if (!TryReadEventArea(Config.DriverArea, "driver", out uint snapshot)) return true;
        ushort flags = PackedEventSuppression.FlagsOf(snapshot), offWrap = PackedEventSuppression.OffWrapOf(snapshot);
        switch (flags)
        {
            case PackedLayout.EventFlagEnable: return true;
            case PackedLayout.EventFlagDisable: return false;
            case PackedLayout.EventFlagDesc when !_eventIdx:
                Break(QueueRule.InvalidPackedDescriptor, "the driver event suppression flags are DESC but VIRTIO_RING_F_EVENT_IDX was not negotiated");
                return true;
            case PackedLayout.EventFlagDesc when PackedEventSuppression.OffsetOf(offWrap) >= _size:
                Break(QueueRule.InvalidPackedDescriptor, $"the driver event offset {PackedEventSuppression.OffsetOf(offWrap)} is not below the queue size {_size}");
                return true;
            case PackedLayout.EventFlagDesc: return PackedEventSuppression.NeedEvent(offWrap, _nextUsed, used, _size);
            default:
                Break(QueueRule.InvalidPackedDescriptor, $"the driver event suppression flags 0x{flags:x} are not ENABLE, DISABLE or DESC");
                return true;
        }
    }

    /// <inheritdoc />
    /// <remarks>Writes DISABLE into the device event suppression structure, with or without EVENT_IDX.</remarks>
    public void DisableNotifications()
    {
        if (IsBroken) return;
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, PackedLayout.EventFlagDisable);
        if (_memory.Write(Config.DeviceArea + PackedLayout.EventFlags, bytes) != AccessVerdict.Allowed)
            Break(QueueRule.RingOutsideMemory, $"the device event suppression structure at 0x{Config.DeviceArea:x} could not be written");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Writes ENABLE, or with EVENT_IDX DESC and off_wrap = the next slot to pop (one 4-byte write), then looks at that
    /// slot. Returns true once the queue is broken, so a drain loop ends.
    /// </remarks>
    public bool EnableNotifications()
    {
        if (IsBroken) return true;
        ushort flags = _eventIdx ? PackedLayout.EventFlagDesc : PackedLayout.EventFlagEnable;
        Span<byte> bytes = stackalloc byte[PackedLayout.EventAreaSize];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, PackedEventSuppression.Encode(_eventIdx ? _nextAvail.OffWrap : (ushort)0, flags));
        var verdict = _eventIdx
            ? _memory.Write(Config.DeviceArea, bytes)
            : _memory.Write(Config.DeviceArea + PackedLayout.EventFlags, bytes[PackedLayout.EventFlags..]);
        if (verdict != AccessVerdict.Allowed)
        {
            Break(QueueRule.RingOutsideMemory, $"the device event suppression structure at 0x{Config.DeviceArea:x} could not be written");
            return true;
        }
        if (!_walker.TryReadSlot(_nextAvail.Index, out var head))
        {
            Break(_walker.Rule, _walker.Detail);
            return true;
        }
        return !PackedDescriptor.IsAvailable(head.Flags, _nextAvail.WrapCounter);
    }

    private void Publish(ushort id, int descriptorCount, uint writtenLength)
    {
        if (id >= _size) throw new ArgumentOutOfRangeException(nameof(id), id, $"buffer id must be below the queue size {_size}");
        if (descriptorCount < 1 || descriptorCount > _poppedNotUsed)
            throw new ArgumentOutOfRangeException(nameof(descriptorCount), descriptorCount, $"{_poppedNotUsed} popped ring slots are not used yet");
        if (IsBroken) return;
        // id and len first, then the flags that hand the slot back to the driver (QEMU virtqueue_packed_fill_desc).
        ulong slot = _ring + (ulong)_nextUsed.Index * PackedLayout.DescriptorSize;
        Span<byte> bytes = stackalloc byte[PackedLayout.DescriptorSize - PackedLayout.DescLen];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, writtenLength);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[(PackedLayout.DescId - PackedLayout.DescLen)..], id);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[(PackedLayout.DescFlags - PackedLayout.DescLen)..], PackedDescriptor.UsedBits(_nextUsed.WrapCounter));
        const int flagsAt = PackedLayout.DescFlags - PackedLayout.DescLen;
        if (_memory.Write(slot + PackedLayout.DescLen, bytes[..flagsAt]) != AccessVerdict.Allowed
            || _memory.Write(slot + PackedLayout.DescFlags, bytes[flagsAt..]) != AccessVerdict.Allowed)
        {
            Break(QueueRule.RingOutsideMemory, $"used descriptor slot {_nextUsed.Index} at 0x{slot:x} could not be written");
            return;
        }
        _nextUsed = _nextUsed.Advance(descriptorCount, _size);
        _poppedNotUsed -= descriptorCount;
        _usedSinceInterruptDecision += descriptorCount;
    }

    private bool TryReadEventArea(ulong address, string whose, out uint snapshot)
    {
        Span<byte> bytes = stackalloc byte[PackedLayout.EventAreaSize];
        snapshot = 0;
        if (_memory.Read(address, bytes) != AccessVerdict.Allowed)
            return Break(QueueRule.RingOutsideMemory, $"the {whose} event suppression structure at 0x{address:x} could not be read");
        snapshot = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return true;
    }

    /// <inheritdoc />
    public void ReportRefusedBuffer(DescriptorChain chain)
    {
        var buffers = new System.Text.StringBuilder();
        foreach (var segment in chain.Segments)
            buffers.Append($" [0x{segment.Address:x}, +{segment.Length}){(segment.DeviceWritable ? "w" : "r")}");
        Break(QueueRule.BufferOutsideMemory, $"buffer {chain.Id}: the access path refused a buffer of the chain:{buffers}");
    }

    /// <summary>Reports <paramref name="rule"/> and stops using the queue; returns false for use in a return.</summary>
    private bool Break(QueueRule rule, string detail)
    {
        IsBroken = true;
        _sink.Violation(rule, detail);
        return false;
    }

    private static string? Misalignment(QueueConfig config)
    {
        if (config.DescriptorTable % PackedLayout.RingAlignment != 0) return $"descriptor ring at 0x{config.DescriptorTable:x} is not 16-aligned";
        if (config.DriverArea % PackedLayout.EventAreaAlignment != 0) return $"driver event suppression area at 0x{config.DriverArea:x} is not 4-aligned";
        if (config.DeviceArea % PackedLayout.EventAreaAlignment != 0) return $"device event suppression area at 0x{config.DeviceArea:x} is not 4-aligned";
        return null;
    }

    private static string? Unreachable(IDeviceMemory memory, QueueConfig config)
    {
        if (!Reachable(memory, config.DescriptorTable, PackedLayout.RingBytes(config.Size))) return $"descriptor ring [0x{config.DescriptorTable:x}, +{PackedLayout.RingBytes(config.Size)}) is not reachable";
        if (!Reachable(memory, config.DriverArea, PackedLayout.EventAreaSize)) return $"driver event suppression area at 0x{config.DriverArea:x} is not reachable";
        if (!Reachable(memory, config.DeviceArea, PackedLayout.EventAreaSize)) return $"device event suppression area at 0x{config.DeviceArea:x} is not reachable";
        return null;
    }

    private static bool Reachable(IDeviceMemory memory, ulong address, ulong length)
    {
        ulong last = address + length - 1;
        if (last < address) return false;
        Span<byte> probe = stackalloc byte[1];
        return memory.Read(address, probe) == AccessVerdict.Allowed && memory.Read(last, probe) == AccessVerdict.Allowed;
    }
}
