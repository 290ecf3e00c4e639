using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;
using Sim.Layouts;

namespace Sim.Devices.Iommu;

/// <summary>
/// The guest's virtio-iommu request path over a real split virtqueue in guest memory: the device's request queue
/// (virtio 1.2, 5.13.2: queue 0, <c>requestq</c>), requests in their wire layout (5.13.6: head, body, tail).
/// Mirrors Linux <c>drivers/iommu/virtio-iommu.c</c>: <see cref="Post"/> is <c>viommu_add_req</c> (copy the request
/// into a driver-owned buffer, add it as one device-readable and one device-writable buffer, no kick) and
/// <see cref="Sync"/> is <c>viommu_sync_req</c> / <c>__viommu_sync_req</c> (kick, then reclaim every used buffer and
/// read its status). The device half is the VMM's emulation of the IOMMU: it pops each chain through the full
/// mapping (<see cref="DirectDeviceMemory"/>, every access recorded in the <see cref="AccessLog"/>), reads the
/// device-readable part through <see cref="DescriptorChain.Read"/>, runs <see cref="IommuDevice.Execute(Span{byte})"/>
/// and writes the device-writable part back through <see cref="DescriptorChain.Write"/>.
/// <para>
/// Region layout (from <c>regionBase</c>, which must be page-aligned): descriptor table (16·N bytes), available
/// ring (6 + 2·N), used ring (4-byte aligned, 6 + 8·N), then N/2 request buffers of <see cref="SlotBytes"/> bytes
/// (64-byte aligned). No feature is negotiated on the ring (no EVENT_IDX, no indirect descriptors), so every request
/// takes two descriptors and at most N/2 are in flight. <see cref="RegionBytesFor"/> gives the size to reserve.
/// </para>
/// <para>
/// A broken ring here is a simulator bug, not guest misbehaviour: the device's violation sink and any inconsistency
/// the driver sees throw <see cref="InvalidOperationException"/>.
/// </para>
/// </summary>
public sealed class VirtqueueIommuPort : IIommuRequestPort
{
    /// <summary>
    /// Bytes of one request buffer: the largest request <see cref="Post"/> accepts. Every fixed-size request (ATTACH,
    /// DETACH 24; MAP 40; UNMAP 32; virtio 1.2, 5.13.6) fits; a PROBE fits with up to 180 bytes of properties.
    /// </summary>
    public const int SlotBytes = 256;

    private const int ChainDescriptors = 2;   // device-readable part + device-writable part
    private const int SlotAlignment = 64;

    private readonly GuestMemory _memory;
    private readonly IommuDevice _device;
    private readonly IDeviceMemory _deviceMemory;
    private readonly IDriverQueue _driver;
    private readonly IDeviceQueue _deviceQueue;
    private readonly DescriptorChain _chain = new();
    private readonly byte[] _deviceBuffer = new byte[SlotBytes];
    private readonly ulong _pool;
    private readonly int[] _slotLength;            // request length in each busy slot
    private readonly Queue<int> _freeSlots = new();
    private readonly Queue<int> _postOrder = new(); // slots on the ring, in posting order
    private readonly List<byte> _held = new();      // statuses answered by an internal sync, not yet returned

    /// <summary>
    /// A request queue of <paramref name="queueSize"/> entries laid out in [<paramref name="regionBase"/>,
    /// <paramref name="regionBase"/> + <paramref name="regionBytes"/>) of <paramref name="memory"/>, answered by
    /// <paramref name="device"/>; the device half's accesses are recorded in <paramref name="log"/> under
    /// <paramref name="accessor"/>. Throws <see cref="ArgumentException"/> for a queue size that is not a power of
    /// two in [2, 32768] (a request takes two descriptors), a base that is not page-aligned, a region smaller than
    /// <see cref="RegionBytesFor"/>, or a region outside <paramref name="memory"/>.
    /// </summary>
    public VirtqueueIommuPort(GuestMemory memory, ulong regionBase, ulong regionBytes, ushort queueSize, IommuDevice device, AccessLog log, string accessor)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(accessor);
        if (queueSize < ChainDescriptors || !SplitLayout.IsValidSize(queueSize))
            throw new ArgumentException($"queue size {queueSize} is not a power of two in [{ChainDescriptors}, {SplitLayout.MaxQueueSize}]", nameof(queueSize));
        if (regionBase % GuestMemory.PageSize != 0)
            throw new ArgumentException($"region base 0x{regionBase:x} is not page-aligned", nameof(regionBase));
        ulong needed = RegionBytesFor(queueSize);
        if (regionBytes < needed)
            throw new ArgumentException($"a queue of {queueSize} needs {needed} bytes, the region has {regionBytes}", nameof(regionBytes));
        if (!memory.Contains(regionBase, regionBytes))
            throw new ArgumentException($"region [0x{regionBase:x}, +{regionBytes}) is outside guest memory of {memory.Size} bytes", nameof(regionBase));

        var (avail, used, pool) = Offsets(queueSize);
        Config = new QueueConfig(queueSize, regionBase, regionBase + avail, regionBase + used, Features: 0);
        _memory = memory;
        _device = device;
        _pool = regionBase + pool;
        MaxInFlight = queueSize / ChainDescriptors;
        _slotLength = new int[MaxInFlight];
        for (int slot = 0; slot < MaxInFlight; slot++) _freeSlots.Enqueue(slot);

        _driver = Virtqueues.CreateDriver(memory, Config);
        foreach (var (part, kind, start, length) in Config.Areas()) memory.DeclareRegion($"{accessor}/q0/{part}", kind, start, length);
        memory.DeclareRegion($"{accessor}/requests", RegionKind.IommuRequests, _pool, (ulong)MaxInFlight * SlotBytes);
        _deviceMemory = new DirectDeviceMemory(memory, accessor, log);
        _deviceQueue = Virtqueues.CreateDevice(_deviceMemory, Config, ThrowingSink.Instance)
            ?? throw new InvalidOperationException($"the virtio-iommu request queue {Config} was refused by its device half");
    }

    /// <summary>
    /// Bytes to reserve for a request queue of <paramref name="queueSize"/> entries (rings and request buffers),
    /// rounded up to whole pages.
    /// </summary>
    public static ulong RegionBytesFor(ushort queueSize)
    {
        var (_, _, pool) = Offsets(queueSize);
        ulong end = pool + (ulong)(queueSize / ChainDescriptors) * SlotBytes;
        return Alignment.AlignUp(end, GuestMemory.PageSize);
    }

    /// <summary>Where the rings are (virtio-mmio QueueDesc, QueueDriver, QueueDevice of queue 0; virtio 1.2, 4.2.3.2).</summary>
    public QueueConfig Config { get; }

    /// <summary>Requests that can be on the ring at once (N/2: each takes two descriptors); one more makes <see cref="Post"/> sync first.</summary>
    public int MaxInFlight { get; }

    /// <summary>
    /// Requests posted whose status <see cref="Sync"/> has not yet returned: those still on the ring plus those an
    /// internal sync in <see cref="Post"/> already answered (so it always equals what the next <see cref="Sync"/>
    /// appends, as for <see cref="DirectIommuPort"/>).
    /// </summary>
    public int Pending => InFlight + _held.Count;

    /// <summary>Requests on the ring that the device has not answered yet.</summary>
    public int InFlight => _postOrder.Count;

    /// <summary>Notifications of the device that found work: <see cref="Sync"/> calls with requests on the ring, and internal syncs of <see cref="Post"/>.</summary>
    public long Notifications { get; private set; }

    /// <summary>Requests the device answered and the driver reclaimed.</summary>
    public long RequestsCompleted { get; private set; }

    /// <summary>
    /// Copies <paramref name="request"/> (head, body and tail, as <see cref="IommuRequests"/> encodes it) into a free
    /// request buffer and adds it as a chain of two buffers, token = buffer slot: the device-readable part and the
    /// device-writable part (the 4-byte tail; for a PROBE, properties and tail, as Linux
    /// <c>viommu_get_write_desc_offset</c>). Does not notify. When the ring or the buffer pool is full it first syncs
    /// (Linux <c>viommu_add_req</c>: on <c>-ENOSPC</c> it calls <c>__viommu_sync_req</c> and retries); the statuses
    /// answered then are kept and returned, in posting order, by the next <see cref="Sync"/>. Throws
    /// <see cref="ArgumentException"/> for a request shorter than head + tail (8 bytes) or longer than
    /// <see cref="SlotBytes"/>.
    /// </summary>
    public void Post(ReadOnlySpan<byte> request)
    {
        int minimum = IommuLayout.Head.Size + IommuLayout.Tail.Size;
        if (request.Length < minimum || request.Length > SlotBytes)
            throw new ArgumentException($"a virtio-iommu request here is {minimum} to {SlotBytes} bytes, this one {request.Length}", nameof(request));
        if (_freeSlots.Count == 0 || _driver.FreeDescriptors < ChainDescriptors) Drain(_held);

        int slot = _freeSlots.Dequeue();
        ulong address = SlotAddress(slot);
        _memory.Write(address, request);
        int writeOffset = WriteDescriptorOffset(request);
        ReadOnlySpan<BufferSpec> readable = [new BufferSpec(address, (uint)writeOffset)];
        ReadOnlySpan<BufferSpec> writable = [new BufferSpec(address + (ulong)writeOffset, (uint)(request.Length - writeOffset))];
        if (!_driver.TryAdd(readable, writable, slot))
            throw new InvalidOperationException($"the virtio-iommu request queue refused a chain with {_driver.FreeDescriptors} free descriptors{(_driver.IsBroken ? " (ring broken)" : "")}");
        _slotLength[slot] = request.Length;
        _postOrder.Enqueue(slot);
    }

    /// <summary>
    /// Notifies the device and waits for every posted request (Linux <c>viommu_sync_req</c>): the device answers every
    /// available chain, the driver reclaims every used buffer in order and reads its status from the tail in guest
    /// memory. Appends to <paramref name="statuses"/> first the statuses held from internal syncs, then the new ones
    /// (posting order throughout) and returns how many it appended.
    /// </summary>
    public int Sync(List<byte> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        int count = _held.Count;
        statuses.AddRange(_held);
        _held.Clear();
        return count + Drain(statuses);
    }

    /// <summary>
    /// Answers what is on the ring first (statuses kept for the next <see cref="Sync"/>), then posts
    /// <paramref name="request"/> alone, notifies, and reads its buffer back from guest memory once the device used it.
    /// </summary>
    public byte Call(Span<byte> request)
    {
        Drain(_held);
        Post(request);
        int slot = _postOrder.Peek();
        var status = new List<byte>(1);
        Drain(status);
        _memory.Read(SlotAddress(slot), request);
        return status[0];
    }

    /// <summary>The guest address of request buffer <paramref name="slot"/>.</summary>
    public ulong SlotAddress(int slot)
    {
        if ((uint)slot >= (uint)MaxInFlight) throw new ArgumentOutOfRangeException(nameof(slot), slot, $"slots are 0 to {MaxInFlight - 1}");
        return _pool + (ulong)slot * SlotBytes;
    }

    /// <summary>One notification: the device answers every available chain, then the driver reclaims them all.</summary>
    private int Drain(List<byte> statuses)
    {
        if (_postOrder.Count == 0) return 0;
        Notifications++;
        // A port is called, not kicked or interrupted: neither side touches the notification state.
        var requests = new Requests(this);
        _deviceQueue.DrainAvailable(ref requests, suppress: false);
        if (_deviceQueue.IsBroken) throw new InvalidOperationException("the virtio-iommu request queue broke on the device side");

        int before = statuses.Count;
        var answers = new Answers(this, statuses);
        _driver.ReclaimUsed(ref answers, suppress: false);
        if (_driver.IsBroken) throw new InvalidOperationException("the virtio-iommu request queue broke on the driver side");
        if (_postOrder.Count != 0) throw new InvalidOperationException($"{_postOrder.Count} virtio-iommu requests were not answered by the device");
        return statuses.Count - before;
    }

    /// <summary>The driver's side of one used buffer: check it comes back in posting order, read its status.</summary>
    private void Reclaim(long token, uint written, List<byte> statuses)
    {
        int slot = (int)token;
        if (_postOrder.Count == 0 || _postOrder.Peek() != slot)
            throw new InvalidOperationException($"the device returned request buffer {slot} out of posting order (expected {(_postOrder.Count == 0 ? "none" : _postOrder.Peek())})");
        _postOrder.Dequeue();
        int length = _slotLength[slot];
        if (written < IommuLayout.Tail.Size || written > (uint)length)
            throw new InvalidOperationException($"the device wrote {written} bytes into request buffer {slot} of {length} bytes");
        Span<byte> tail = stackalloc byte[IommuLayout.Tail.Size];
        _memory.Read(SlotAddress(slot) + (ulong)(length - IommuLayout.Tail.Size), tail);
        statuses.Add(tail[IommuLayout.Tail.Status]);
        _freeSlots.Enqueue(slot);
        RequestsCompleted++;
    }

    /// <summary>What the device's drain does with each popped request chain: <see cref="Answer"/> it.</summary>
    private readonly struct Requests(VirtqueueIommuPort port) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => port._chain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => port.Answer();
    }

    /// <summary>What the driver's reclaim does with each used request buffer: <see cref="Reclaim"/> it into <c>statuses</c>.</summary>
    private readonly struct Answers(VirtqueueIommuPort port, List<byte> statuses) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => port.Reclaim(token, written, statuses);
    }

    /// <summary>The device's side of one popped chain (the VMM's virtio-iommu request handler); false when a buffer was refused (the queue is then broken).</summary>
    private bool Answer()
    {
        long readable = _chain.ReadableLength, writable = _chain.WritableLength;
        if (readable + writable > SlotBytes)
            throw new InvalidOperationException($"a virtio-iommu request chain of {readable} + {writable} bytes is longer than a request buffer");
        var buffer = _deviceBuffer.AsSpan(0, (int)(readable + writable));
        buffer.Clear();
        if (_chain.Read(_deviceMemory, 0, buffer[..(int)readable]) != readable)
        {
            _deviceQueue.ReportRefusedBuffer(_chain);
            return false;
        }
        _device.Execute(buffer);
        long written = _chain.Write(_deviceMemory, 0, buffer[(int)readable..]);
        if (written != writable)
        {
            _deviceQueue.ReportRefusedBuffer(_chain);
            return false;
        }
        _deviceQueue.PushUsed(_chain.Id, _chain.DescriptorCount, (uint)written);
        return true;
    }

    // Linux viommu_get_write_desc_offset: a PROBE's properties are device-writable too; every other request has only
    // its tail device-writable.
    private static int WriteDescriptorOffset(ReadOnlySpan<byte> request) =>
        request[IommuLayout.Head.Type] == (byte)IommuRequestType.Probe && request.Length >= IommuLayout.Probe.Size + IommuLayout.Tail.Size
            ? IommuLayout.Probe.Size
            : request.Length - IommuLayout.Tail.Size;

    private static (ulong Avail, ulong Used, ulong Pool) Offsets(ushort queueSize)
    {
        ulong avail = SplitLayout.DescriptorTableBytes(queueSize);
        ulong used = Alignment.AlignUp(avail + SplitLayout.AvailRingBytes(queueSize), SplitLayout.UsedRingAlignment);
        ulong pool = Alignment.AlignUp(used + SplitLayout.UsedRingBytes(queueSize), SlotAlignment);
        return (avail, used, pool);
    }


    /// <summary>The device half's violation sink: a broken rule on this internal ring is a simulator bug.</summary>
    private sealed class ThrowingSink : IQueueViolationSink
    {
        public static readonly ThrowingSink Instance = new();

        public void Violation(QueueRule rule, string detail) =>
            throw new InvalidOperationException($"virtio-iommu request queue: {rule}: {detail}");
    }
}
