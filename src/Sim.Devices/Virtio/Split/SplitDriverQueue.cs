using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Split;

/// <summary>
/// The guest driver's half of a split virtqueue (virtio 1.2, 2.7; Linux drivers/virtio/virtio_ring.c, the
/// <c>*_split</c> functions), writing the guest's own memory directly. Free descriptors form a list chained through
/// <c>next</c> (a private shadow, as Linux's <c>desc_extra</c>, so a device scribbling on the table cannot corrupt it);
/// a chain takes descriptors from its head and is given back whole when used. With VIRTIO_F_INDIRECT_DESC and an
/// indirect area, a chain of 2 to <c>maxIndirectEntries</c> buffers goes into the head's own indirect table at
/// <c>indirectArea + head · maxIndirectEntries · 16</c> and takes a single ring descriptor. Allocation-free.
/// </summary>
public sealed class SplitDriverQueue : IDriverQueue
{
    private readonly GuestMemory _memory;
    private readonly ushort _size;
    private readonly ushort _mask;
    private readonly ulong _table;
    private readonly ulong _avail;
    private readonly ulong _used;
    private readonly ulong _indirectArea;
    private readonly int _maxIndirect;

    private readonly ushort[] _next;        // free list and chain links (Linux desc_extra[i].next)
    private readonly ushort[] _ringCount;   // ring descriptors the chain at this head holds
    private readonly long[] _tokens;        // token of the chain at this head
    private readonly bool[] _inUse;         // whether this head is an in-flight chain

    private ushort _freeHead;
    private int _numFree;
    private ushort _availIdx;       // shadow of avail idx
    private ushort _kickOld;        // avail idx at the previous KickNeeded
    private ushort _lastUsed;       // next used index to reclaim
    private bool _interruptsOff;    // shadow of VRING_AVAIL_F_NO_INTERRUPT

    /// <summary>
    /// A driver queue over the rings of <paramref name="config"/> in <paramref name="memory"/>. With
    /// <paramref name="indirectArea"/> ≠ 0, <paramref name="maxIndirectEntries"/> entries of 16 bytes are reserved per
    /// head there (N · max · 16 bytes in all). Throws <see cref="ArgumentException"/> for a configuration a driver
    /// would never set up: invalid size, misaligned rings, or rings or indirect area outside memory.
    /// </summary>
    public SplitDriverQueue(GuestMemory memory, QueueConfig config, ulong indirectArea = 0, int maxIndirectEntries = 0)
        : this(memory, config, indirectArea, maxIndirectEntries, startIndex: 0)
    {
    }

    /// <summary>
    /// Test support: indexes start at <paramref name="startIndex"/>, as after that many round trips (writes avail idx,
    /// and used_event with EVENT_IDX, to match). Pair it with the device's TryCreate of the same start index.
    /// </summary>
    internal SplitDriverQueue(GuestMemory memory, QueueConfig config, ulong indirectArea, int maxIndirectEntries, ushort startIndex)
    {
        Validate(memory, config, indirectArea, maxIndirectEntries);
        _memory = memory;
        Config = config;
        _size = config.Size;
        _mask = (ushort)(_size - 1);
        _table = config.DescriptorTable;
        _avail = config.DriverArea;
        _used = config.DeviceArea;
        bool indirect = config.IndirectDescriptors && indirectArea != 0 && maxIndirectEntries > 1;
        _indirectArea = indirect ? indirectArea : 0;
        _maxIndirect = indirect ? maxIndirectEntries : 0;
        _next = new ushort[_size];
        _ringCount = new ushort[_size];
        _tokens = new long[_size];
        _inUse = new bool[_size];
        for (int i = 0; i < _size; i++) _next[i] = (ushort)((i + 1) & _mask);
        _numFree = _size;
        _availIdx = _kickOld = _lastUsed = startIndex;
        memory.WriteUInt16(_avail + SplitLayout.RingFlags, 0);
        memory.WriteUInt16(_avail + SplitLayout.RingIdx, startIndex);
        if (config.EventIdx) memory.WriteUInt16(_avail + SplitLayout.UsedEventOffset(_size), startIndex);
    }

    /// <inheritdoc />
    public QueueConfig Config { get; }

    /// <inheritdoc />
    public int FreeDescriptors => _numFree;

    /// <inheritdoc />
    public int InFlight { get; private set; }

    /// <summary>The avail idx as last published.</summary>
    public ushort AvailIndex => _availIdx;

    /// <summary>True once the device returned a used element the driver cannot accept (Linux <c>BAD_RING</c>).</summary>
    public bool IsBroken => BrokenReason is not null;

    /// <summary>Why the queue is broken: the bad used element, with its index and id.</summary>
    public string? BrokenReason { get; private set; }

    /// <inheritdoc />
    public bool TryAdd(ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable, long token)
    {
        int total = readable.Length + writable.Length;
        // No chain longer than the queue size, not even through an indirect table (2.7.5.3.1).
        if (total == 0 || total > Config.Size || IsBroken) return false;
        bool indirect = _maxIndirect != 0 && total > 1 && total <= _maxIndirect;
        int needed = indirect ? 1 : total;
        if (needed > _numFree) return false;

        ushort head = _freeHead;
        Span<byte> raw = stackalloc byte[SplitLayout.DescriptorSize];
        if (indirect)
        {
            ulong table = _indirectArea + (ulong)head * (ulong)_maxIndirect * SplitLayout.DescriptorSize;
            for (int i = 0; i < total; i++)
            {
                var (buffer, flags) = Buffer(readable, writable, i);
                if (i + 1 < total) flags |= SplitLayout.FlagNext;
                WriteDescriptor(table + (ulong)i * SplitLayout.DescriptorSize, new SplitDescriptor(buffer.Address, buffer.Length, flags, (ushort)(i + 1)), raw);
            }
            WriteDescriptor(DescriptorAddress(head), new SplitDescriptor(table, (uint)(total * SplitLayout.DescriptorSize), SplitLayout.FlagIndirect, _next[head]), raw);
            _freeHead = _next[head];
        }
        else
        {
            ushort index = head;
            for (int i = 0; i < total; i++)
            {
                var (buffer, flags) = Buffer(readable, writable, i);
                if (i + 1 < total) flags |= SplitLayout.FlagNext;
                WriteDescriptor(DescriptorAddress(index), new SplitDescriptor(buffer.Address, buffer.Length, flags, _next[index]), raw);
                index = _next[index];
            }
            _freeHead = index;
        }
        _numFree -= needed;
        _ringCount[head] = (ushort)needed;
        _tokens[head] = token;
        _inUse[head] = true;
        InFlight++;

        _memory.WriteUInt16(_avail + SplitLayout.AvailEntryOffset(_availIdx & _mask), head);
        // Release (virtio_wmb): the ring entry and the descriptors are written before the avail idx that publishes
        // them (2.7.13); a device that reads the new idx is guaranteed to see them.
        _availIdx++;
        _memory.WriteUInt16(_avail + SplitLayout.RingIdx, _availIdx);
        return true;
    }

    /// <inheritdoc />
    public bool KickNeeded()
    {
        ushort old = _kickOld, now = _availIdx;
        _kickOld = now;
        if (old == now) return false;
        // Full barrier (virtio_mb): the avail idx store is visible before the device's suppression state is read;
        // pairs with the barrier in the device's EnableNotifications, so a sleeping device always gets its kick.
        if (Config.EventIdx)
            return EventIndex.NeedEvent(_memory.ReadUInt16(_used + SplitLayout.AvailEventOffset(_size)), now, old);
        return (_memory.ReadUInt16(_used + SplitLayout.RingFlags) & SplitLayout.UsedFlagNoNotify) == 0;
    }

    /// <inheritdoc />
    public bool TryReclaim(out long token, out uint writtenLength)
    {
        token = 0;
        writtenLength = 0;
        if (IsBroken || _memory.ReadUInt16(_used + SplitLayout.RingIdx) == _lastUsed) return false;
        // Acquire (virtio_rmb): used idx was read before the element it publishes.
        ulong element = _memory.ReadUInt64(_used + SplitLayout.UsedEntryOffset(_lastUsed & _mask)); // {id u32, len u32}
        uint id = (uint)element;
        uint length = (uint)(element >> 32);
        if (id >= _size || !_inUse[id])
        {
            BrokenReason = $"used element {_lastUsed & _mask} (used index {_lastUsed}) names id {id}, which is {(id >= _size ? "out of range" : "not in flight")}";
            return false;
        }
        Free((ushort)id);
        token = _tokens[id];
        writtenLength = length;
        _lastUsed++;
        // As Linux: while interrupts are on, move used_event along so the device interrupts for the next buffer.
        if (Config.EventIdx && !_interruptsOff) _memory.WriteUInt16(_avail + SplitLayout.UsedEventOffset(_size), _lastUsed);
        return true;
    }

    /// <inheritdoc />
    /// <remarks>Without EVENT_IDX sets VRING_AVAIL_F_NO_INTERRUPT; with EVENT_IDX only stops moving used_event.</remarks>
    public void DisableInterrupts()
    {
        if (_interruptsOff) return;
        _interruptsOff = true;
        if (!Config.EventIdx) _memory.WriteUInt16(_avail + SplitLayout.RingFlags, SplitLayout.AvailFlagNoInterrupt);
    }

    /// <inheritdoc />
    /// <remarks>Clears VRING_AVAIL_F_NO_INTERRUPT, or with EVENT_IDX writes used_event = the next index to reclaim.</remarks>
    public bool EnableInterrupts()
    {
        _interruptsOff = false;
        if (Config.EventIdx) _memory.WriteUInt16(_avail + SplitLayout.UsedEventOffset(_size), _lastUsed);
        else _memory.WriteUInt16(_avail + SplitLayout.RingFlags, 0);
        // Full barrier (virtio_mb): the suppression state is visible before used idx is re-read; pairs with the
        // device's barrier between publishing used idx and reading it in InterruptNeeded.
        return _memory.ReadUInt16(_used + SplitLayout.RingIdx) == _lastUsed;
    }

    /// <summary>Gives the chain at <paramref name="head"/> back to the front of the free list (Linux <c>detach_buf_split</c>).</summary>
    private void Free(ushort head)
    {
        ushort last = head;
        for (int i = 1; i < _ringCount[head]; i++) last = _next[last];
        _next[last] = _freeHead;
        _freeHead = head;
        _numFree += _ringCount[head];
        _inUse[head] = false;
        InFlight--;
    }

    private static (BufferSpec Buffer, ushort Flags) Buffer(ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable, int i) =>
        i < readable.Length ? (readable[i], (ushort)0) : (writable[i - readable.Length], SplitLayout.FlagWrite);

    private ulong DescriptorAddress(ushort index) => _table + (ulong)index * SplitLayout.DescriptorSize;

    private void WriteDescriptor(ulong address, SplitDescriptor descriptor, Span<byte> raw)
    {
        descriptor.Encode(raw);
        _memory.Write(address, raw);
    }

    private static void Validate(GuestMemory memory, QueueConfig config, ulong indirectArea, int maxIndirectEntries)
    {
        int size = config.Size;
        if (config.IsPacked) throw new ArgumentException("VIRTIO_F_RING_PACKED was negotiated: use the packed driver queue", nameof(config));
        if (!SplitLayout.IsValidSize(size)) throw new ArgumentException($"queue size {size} is not a power of two in [1, {SplitLayout.MaxQueueSize}]", nameof(config));
        if (config.DescriptorTable % SplitLayout.DescriptorTableAlignment != 0 || config.DriverArea % SplitLayout.AvailRingAlignment != 0
            || config.DeviceArea % SplitLayout.UsedRingAlignment != 0)
            throw new ArgumentException($"rings must be 16/2/4-byte aligned: table 0x{config.DescriptorTable:x}, avail 0x{config.DriverArea:x}, used 0x{config.DeviceArea:x}", nameof(config));
        if (!memory.Contains(config.DescriptorTable, SplitLayout.DescriptorTableBytes(size)) || !memory.Contains(config.DriverArea, SplitLayout.AvailRingBytes(size))
            || !memory.Contains(config.DeviceArea, SplitLayout.UsedRingBytes(size)))
            throw new ArgumentException($"a ring of the size-{size} queue lies outside {memory.Domain}'s memory", nameof(config));
        if (maxIndirectEntries is < 0 or > IndirectTableRules.MaxEntries)
            throw new ArgumentOutOfRangeException(nameof(maxIndirectEntries), maxIndirectEntries, $"must be in [0, {IndirectTableRules.MaxEntries}]");
        if (indirectArea != 0 && !memory.Contains(indirectArea, (ulong)size * (ulong)maxIndirectEntries * SplitLayout.DescriptorSize))
            throw new ArgumentException($"indirect area at 0x{indirectArea:x} for {size} × {maxIndirectEntries} entries lies outside {memory.Domain}'s memory", nameof(indirectArea));
    }
}
