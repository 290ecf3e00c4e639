using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Packed;

/// <summary>
/// The driver's half of a packed virtqueue (virtio 1.2, 2.8; Linux <c>virtqueue_add_packed</c>,
/// <c>virtqueue_kick_prepare_packed</c>, <c>virtqueue_get_buf_ctx_packed</c>, <c>virtqueue_enable_cb_prepare_packed</c>),
/// writing the guest's own memory byte-exactly. <see cref="QueueConfig.DescriptorTable"/> is the descriptor ring,
/// <see cref="QueueConfig.DriverArea"/> the driver event suppression structure (written here),
/// <see cref="QueueConfig.DeviceArea"/> the device event suppression structure (read here).
/// Both wrap counters start at 1. A chain takes a free buffer id (&lt; N), its descriptors go to consecutive ring slots
/// with AVAIL = the avail wrap counter and USED = its inverse, every descriptor carries the id (the device reads it
/// from the last one), and the first descriptor's flags are written last. A used descriptor gives back the id and the
/// bytes written; the driver then skips as many slots as the chain took. Allocation-free after construction.
/// </summary>
public sealed class PackedDriverQueue : IDriverQueue
{
    private readonly GuestMemory _memory;
    private readonly int _size;
    private readonly ulong _ring;
    private readonly ulong _indirectArea;
    private readonly int _maxIndirectEntries;
    private readonly bool _useIndirect;
    private readonly bool _eventIdx;
    private readonly bool _inOrder;
    private readonly PackedBufferIds _ids;
    private PackedRingPosition _nextAvail = PackedRingPosition.Start;
    private PackedRingPosition _nextUsed = PackedRingPosition.Start;
    private int _addedSinceKickDecision;
    private int _batchLastId = -1; // IN_ORDER: id of the last chain of the used batch being reclaimed, or -1
    private uint _batchLastLength;

    /// <summary>
    /// A packed queue over <paramref name="config"/> in <paramref name="memory"/>; zeroes the ring and both event
    /// structures, as a driver that allocates them does. With VIRTIO_RING_F_INDIRECT_DESC, a non-zero
    /// <paramref name="indirectArea"/> and <paramref name="maxIndirectEntries"/> &gt; 1, chains of 2 to
    /// <paramref name="maxIndirectEntries"/> buffers go through an indirect table at
    /// <c>indirectArea + id · maxIndirectEntries · 16</c> (one table per buffer id).
    /// </summary>
    /// <exception cref="ArgumentException">The configuration is not a packed queue this memory can hold.</exception>
    public PackedDriverQueue(GuestMemory memory, QueueConfig config, ulong indirectArea = 0, int maxIndirectEntries = 0)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(config);
        if (!config.IsPacked) throw new ArgumentException("the configuration does not negotiate VIRTIO_F_RING_PACKED", nameof(config));
        if (!PackedLayout.IsValidSize(config.Size)) throw new ArgumentException($"packed queue size {config.Size} is outside [1, {PackedLayout.MaxQueueSize}]", nameof(config));
        if (maxIndirectEntries < 0) throw new ArgumentOutOfRangeException(nameof(maxIndirectEntries));
        _memory = memory;
        Config = config;
        _size = config.Size;
        _ring = config.DescriptorTable;
        _eventIdx = config.EventIdx;
        _inOrder = VirtioFeatures.Has(config.Features, VirtioFeatures.InOrder);
        _indirectArea = indirectArea;
        _maxIndirectEntries = maxIndirectEntries;
        _useIndirect = config.IndirectDescriptors && indirectArea != 0 && maxIndirectEntries > 1;
        RequireInside(_ring, PackedLayout.RingBytes(_size), "descriptor ring");
        RequireInside(config.DriverArea, PackedLayout.EventAreaSize, "driver event suppression area");
        RequireInside(config.DeviceArea, PackedLayout.EventAreaSize, "device event suppression area");
        if (_useIndirect) RequireInside(indirectArea, (ulong)_size * (ulong)maxIndirectEntries * PackedLayout.DescriptorSize, "indirect table area");
        memory.Fill(_ring, PackedLayout.RingBytes(_size), 0);
        memory.Fill(config.DriverArea, PackedLayout.EventAreaSize, 0);
        memory.Fill(config.DeviceArea, PackedLayout.EventAreaSize, 0);
        _ids = new PackedBufferIds(_size, _inOrder);
        FreeDescriptors = _size;
    }

    /// <inheritdoc />
    public QueueConfig Config { get; }

    /// <inheritdoc />
    public int FreeDescriptors { get; private set; }

    /// <inheritdoc />
    public int InFlight => _ids.InFlight;

    /// <summary>
    /// True once the device published a used descriptor naming a buffer id that is not in flight (Linux
    /// <c>BAD_RING</c>): the queue reclaims nothing more.
    /// </summary>
    public bool IsBroken { get; private set; }

    /// <inheritdoc />
    public bool TryAdd(ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable, long token)
    {
        int buffers = readable.Length + writable.Length;
        // No chain longer than the queue size, not even through an indirect table (2.8.17).
        if (buffers == 0 || buffers > _size || IsBroken) return false;
        bool indirect = _useIndirect && buffers > 1 && buffers <= _maxIndirectEntries;
        int descriptors = indirect ? 1 : buffers;
        if (descriptors > FreeDescriptors || !_ids.HasFree) return false;
        ulong writableLength = 0;
        foreach (var buffer in writable) writableLength += buffer.Length;
        ushort id = _ids.Allocate(token, descriptors, (uint)Math.Min(writableLength, uint.MaxValue));
        if (indirect) PublishIndirect(id, readable, writable);
        else PublishChain(id, readable, writable);
        FreeDescriptors -= descriptors;
        _addedSinceKickDecision += descriptors;
        return true;
    }

    /// <inheritdoc />
    public bool KickNeeded()
    {
        int added = _addedSinceKickDecision;
        if (added == 0) return false;
        _addedSinceKickDecision = 0;
        uint snapshot = _memory.ReadUInt32(Config.DeviceArea);
        ushort flags = PackedEventSuppression.FlagsOf(snapshot);
        if (flags == PackedLayout.EventFlagDesc && _eventIdx)
            return PackedEventSuppression.NeedEvent(PackedEventSuppression.OffWrapOf(snapshot), _nextAvail, added, _size);
        // DESC without EVENT_IDX is the device's error; kicking is the safe reading of it.
        return flags != PackedLayout.EventFlagDisable;
    }

    /// <inheritdoc />
    public bool TryReclaim(out long token, out uint writtenLength)
    {
        token = 0;
        writtenLength = 0;
        if (IsBroken) return false;
        if (_batchLastId < 0)
        {
            Span<byte> bytes = stackalloc byte[PackedLayout.DescriptorSize];
            _memory.Read(SlotAddress(_nextUsed.Index), bytes);
            var used = PackedDescriptor.Decode(bytes);
            if (!PackedDescriptor.IsUsed(used.Flags, _nextUsed.WrapCounter)) return false;
            if (!_ids.IsInFlight(used.Id))
            {
                IsBroken = true;
                return false;
            }
            if (!_inOrder)
            {
                token = Release(used.Id);
                writtenLength = used.Length;
                return true;
            }
            _batchLastId = used.Id;
            _batchLastLength = used.Length;
        }
        // IN_ORDER (2.8.8): the used descriptor names the batch's last chain; the chains before it were used in the
        // order they were made available, and count as fully written (Linux virtqueue_get_buf_ctx_packed_in_order).
        ushort oldest = _ids.Oldest;
        if (oldest == _batchLastId)
        {
            writtenLength = _batchLastLength;
            _batchLastId = -1;
        }
        else
        {
            writtenLength = _ids.WritableLength(oldest);
        }
        token = Release(oldest);
        return true;
    }

    /// <inheritdoc />
    public void DisableInterrupts() =>
        _memory.WriteUInt16(Config.DriverArea + PackedLayout.EventFlags, PackedLayout.EventFlagDisable);

    /// <inheritdoc />
    public bool EnableInterrupts()
    {
        if (IsBroken) return true;
        // EVENT_IDX: interrupt when the device marks the slot we will read next used (off_wrap and flags in one write).
        if (_eventIdx) WriteEventArea(_nextUsed.OffWrap, PackedLayout.EventFlagDesc);
        else _memory.WriteUInt16(Config.DriverArea + PackedLayout.EventFlags, PackedLayout.EventFlagEnable);
        return !UsedPending();
    }

    private bool UsedPending() =>
        _batchLastId >= 0
        || PackedDescriptor.IsUsed(_memory.ReadUInt16(SlotAddress(_nextUsed.Index) + PackedLayout.DescFlags), _nextUsed.WrapCounter);

    private long Release(ushort id)
    {
        long token = _ids.Release(id, out int descriptors);
        FreeDescriptors += descriptors;
        _nextUsed = _nextUsed.Advance(descriptors, _size);
        return token;
    }

    /// <summary>Writes the chain's descriptors to consecutive slots (2.8.6), then makes it available.</summary>
    private void PublishChain(ushort id, ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable)
    {
        Span<byte> bytes = stackalloc byte[PackedLayout.DescriptorSize];
        int buffers = readable.Length + writable.Length;
        var head = _nextAvail;
        var at = head;
        ushort headFlags = 0;
        for (int i = 0; i < buffers; i++)
        {
            bool deviceWritable = i >= readable.Length;
            var buffer = deviceWritable ? writable[i - readable.Length] : readable[i];
            ushort flags = PackedDescriptor.AvailableBits(at.WrapCounter); // a chain crossing the end takes the next lap's bits
            if (i + 1 < buffers) flags |= PackedLayout.FlagNext;
            if (deviceWritable) flags |= PackedLayout.FlagWrite;
            new PackedDescriptor(buffer.Address, buffer.Length, id, flags).Encode(bytes);
            if (i == 0)
            {
                headFlags = flags;
                _memory.Write(SlotAddress(at.Index), bytes[..PackedLayout.DescFlags]);
            }
            else
            {
                _memory.Write(SlotAddress(at.Index), bytes);
            }
            at = at.Advance(1, _size);
        }
        _nextAvail = at;
        MakeAvailable(head, headFlags);
    }

    /// <summary>Writes an indirect table for the chain (only WRITE flags, ids ignored; 2.8.7), then one INDIRECT descriptor.</summary>
    private void PublishIndirect(ushort id, ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable)
    {
        Span<byte> bytes = stackalloc byte[PackedLayout.DescriptorSize];
        ulong table = _indirectArea + (ulong)id * (ulong)_maxIndirectEntries * PackedLayout.DescriptorSize;
        int buffers = readable.Length + writable.Length;
        for (int i = 0; i < buffers; i++)
        {
            bool deviceWritable = i >= readable.Length;
            var buffer = deviceWritable ? writable[i - readable.Length] : readable[i];
            new PackedDescriptor(buffer.Address, buffer.Length, 0, deviceWritable ? PackedLayout.FlagWrite : (ushort)0).Encode(bytes);
            _memory.Write(table + (ulong)i * PackedLayout.DescriptorSize, bytes);
        }
        var head = _nextAvail;
        ushort flags = (ushort)(PackedLayout.FlagIndirect | PackedDescriptor.AvailableBits(head.WrapCounter));
        new PackedDescriptor(table, (uint)(buffers * PackedLayout.DescriptorSize), id, flags).Encode(bytes);
        _memory.Write(SlotAddress(head.Index), bytes[..PackedLayout.DescFlags]);
        _nextAvail = head.Advance(1, _size);
        MakeAvailable(head, flags);
    }

    /// <summary>
    /// Ordering (virtio 1.2, 2.8.6): the first descriptor's flags are written last, after every other byte of the chain,
    /// so a device polling the ring never sees a chain whose rest is not written yet (Linux writes them after
    /// <c>virtio_wmb</c>).
    /// </summary>
    private void MakeAvailable(PackedRingPosition head, ushort flags) =>
        _memory.WriteUInt16(SlotAddress(head.Index) + PackedLayout.DescFlags, flags);

    private void WriteEventArea(ushort offWrap, ushort flags)
    {
        Span<byte> bytes = stackalloc byte[PackedLayout.EventAreaSize];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, PackedEventSuppression.Encode(offWrap, flags));
        _memory.Write(Config.DriverArea, bytes);
    }

    private ulong SlotAddress(int index) => _ring + (ulong)index * PackedLayout.DescriptorSize;

    private void RequireInside(ulong address, ulong length, string what)
    {
        if (!_memory.Contains(address, length))
            throw new ArgumentException($"the {what} [0x{address:x}, +{length}) lies outside {_memory.Domain}'s memory of 0x{_memory.Size:x} bytes");
    }
}
