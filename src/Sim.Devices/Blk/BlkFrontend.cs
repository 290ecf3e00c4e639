using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Transport;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Blk;

/// <summary>
/// The virtio-blk guest driver (virtio 1.2, 5.2), running on its vCPU (a <see cref="BusyResource"/>). At time zero it
/// initialises the device through the virtio-mmio registers (device ID <see cref="DeviceId"/>; VERSION_1, the ring options
/// given, and VIRTIO_BLK_F_FLUSH if offered) and reads the capacity, then issues requests of <see cref="BlkWorkload"/>:
/// it writes the <c>virtio_blk_outhdr</c> (and for a write a data pattern derived from sector and request number), makes
/// header, data and status reachable with <see cref="IDriverPlatform.Map"/> and puts the DMA addresses in the chain
/// (5.2.6). A mapping the platform cannot give now (Exhausted) leaves the request pending until a completion frees
/// resources. On a used-buffer interrupt it acknowledges, reclaims, unmaps, checks the status and the used length, and
/// verifies the data of reads of sectors it wrote. Every cost comes from the platform or <see cref="BlkCosts"/>.
/// Metrics: <c>requests</c>, <c>reads</c>, <c>writes</c>, <c>bytes</c>, <c>latency</c> (issue to reclaim), <c>kicks</c>,
/// <c>interrupts</c>, <c>mapStalls</c>, <c>rejected</c> (open loop, no free slot), <c>verifiedReads</c>,
/// <c>kicksPerRequest</c>, <c>interruptsPerRequest</c>.
/// </summary>
public sealed class BlkFrontend(
    GuestMemory memory,
    IMmioBus registers,
    IDriverPlatform platform,
    ulong ringFeatures,
    ushort queueSize,
    BlkGuestLayout layout,
    BlkWorkload workload,
    BlkCosts costs) : BusyResource
{
    /// <summary>The virtio device ID of a block device (virtio 1.2, 5 "Device Types").</summary>
    public const uint DeviceId = 2;

    private const long Ambiguous = -1;
    private const byte StatusUnset = 0xFF;

    private sealed class Initialise { public static readonly Initialise Instance = new(); }

    private sealed class NextArrival { public static readonly NextArrival Instance = new(); }

    private enum Submit { Added, Stalled, Refused }

    /// <summary>One in-flight request: what was asked, what a read must return, and the three mappings.</summary>
    private struct Slot
    {
        public ulong Sector;
        public bool IsRead, Verify;
        public long Tag, ExpectedTag;
        public SimTime IssuedAt;
        public DmaBuffer Header, Data, Status;
    }

    private readonly MmioDriver _driver = new(registers);
    private readonly Slot[] _slots = new Slot[workload.QueueDepth];
    private readonly Stack<int> _free = new(Enumerable.Range(0, workload.QueueDepth).Reverse());
    private readonly Queue<int> _pending = new();
    private readonly HashSet<int> _inFlight = new();
    private readonly Dictionary<ulong, long> _lastWrite = new();
    private readonly Dictionary<ulong, int> _writesInFlight = new();
    private readonly byte[] _data = new byte[workload.RequestBytes];
    private readonly byte[] _expected = new byte[workload.RequestBytes];
    private IDriverQueue? _queue;
    private long _nextTag;
    private bool _stopped, _reportedIdleStall;
    private Counter? _requests, _reads, _writes, _bytes, _kicks, _interrupts, _mapStalls, _rejected, _verified;
    private LatencyHistogram? _latency;

    /// <summary>The backend to kick; set by the world builder.</summary>
    public ActorRef Backend { get; set; }

    /// <summary>The features the device and driver agreed on (after initialisation).</summary>
    public ulong NegotiatedFeatures { get; private set; }

    /// <summary>The disk's capacity in sectors, as read from the configuration space (after initialisation).</summary>
    public ulong Capacity { get; private set; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        _requests = NewCounter("requests");
        _reads = NewCounter("reads");
        _writes = NewCounter("writes");
        _bytes = NewCounter("bytes", "B");
        _kicks = NewCounter("kicks");
        _interrupts = NewCounter("interrupts");
        _mapStalls = NewCounter("mapStalls");
        _rejected = NewCounter("rejected");
        _verified = NewCounter("verifiedReads");
        _latency = NewLatencyHistogram("latency");
        NewRatio("kicksPerRequest", _kicks, _requests);
        NewRatio("interruptsPerRequest", _interrupts, _requests);
        Send(Self, Initialise.Instance);
    }

    /// <inheritdoc />
    protected override void Serve(object message, ActorRef sender)
    {
        switch (message)
        {
            case Initialise: InitialiseDevice(); break;
            case NextArrival: OnArrival(); break;
            case UsedBufferInterrupt: OnInterrupt(); break;
        }
    }

    private void InitialiseDevice()
    {
        uint id = registers.Read(MmioRegister.DeviceId, 4);
        Spend(platform.RegisterAccesses(1));
        if (id != DeviceId)
        {
            ReportFinding("device-initialisation-failed", $"DeviceID {id}, expected {DeviceId} (block device)", "virtio 1.2, 5");
            return;
        }
        ulong wanted = VirtioFeatures.Version1 | ringFeatures | BlkFeatures.Flush;
        var setup = new MmioQueueSetup(0, queueSize, layout.DescriptorArea, layout.DriverArea, layout.DeviceArea);
        var result = _driver.Initialize(new MmioInitRequest(wanted, [setup], RequiredFeatures: wanted & (VirtioFeatures.RingPacked | VirtioFeatures.Version1)));
        Spend(platform.RegisterAccesses((int)result.RegisterAccesses));
        if (!result.Success)
        {
            ReportFinding("device-initialisation-failed", result.Reason ?? result.Failure.ToString(), "virtio 1.2, 3.1.1");
            return;
        }
        NegotiatedFeatures = result.NegotiatedFeatures;
        long before = _driver.Accesses;
        Capacity = _driver.ReadConfig(config => config.ReadU64(BlkLayout.Config.Capacity)).Value;
        Spend(platform.RegisterAccesses((int)(_driver.Accesses - before)));
        if (Capacity < workload.SectorSpan)
        {
            ReportFinding("blk-capacity-too-small", $"the disk has {Capacity} sectors, the workload spans {workload.SectorSpan}", "virtio 1.2, 5.2.4");
            return;
        }
        _queue = Virtqueues.CreateDriver(memory, result.Queues[0], layout.IndirectArea, layout.MaxIndirectEntries);
        if (workload.Interarrival is { } gaps) SetTimer(NextArrival.Instance, NextArrival.Instance, gaps.Sample(Random));
        else Refill();
    }

    private void OnArrival()
    {
        if (_free.Count == 0) _rejected!.Increment();
        else
        {
            NewRequest(_free.Pop());
            Pump();
        }
        SetTimer(NextArrival.Instance, NextArrival.Instance, workload.Interarrival!.Sample(Random));
    }

    /// <summary>Closed loop: a new request for every free slot, then submit what can be.</summary>
    private void Refill()
    {
        while (!_stopped && _free.Count > 0) NewRequest(_free.Pop());
        Pump();
    }

    /// <summary>Draws a request for <paramref name="slot"/> and writes its header (and a write's data) into guest memory.</summary>
    private void NewRequest(int slot)
    {
        ref var s = ref _slots[slot];
        s.Sector = Random.NextUInt64(workload.Positions) * workload.SectorsPerRequest;
        s.IsRead = Random.NextDouble() < workload.ReadFraction;
        s.Tag = ++_nextTag;
        s.IssuedAt = Now + Spent;
        Span<byte> header = stackalloc byte[BlkLayout.HeaderSize];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header[BlkLayout.HeaderTypeOffset..], s.IsRead ? BlkLayout.TypeIn : BlkLayout.TypeOut);
        BinaryPrimitives.WriteUInt64LittleEndian(header[BlkLayout.HeaderSectorOffset..], s.Sector);
        memory.Write(layout.Header(slot), header);
        memory.Write(layout.Status(slot), [StatusUnset]);
        if (s.IsRead) _data.AsSpan().Fill(0xEE);   // bytes the device does not write show up as a mismatch
        else BlkWorkload.Pattern(s.Sector, s.Tag, _data);
        memory.Write(layout.Data(slot), _data);
        _pending.Enqueue(slot);
    }

    /// <summary>Submits pending requests in order until one cannot be, then kicks if the ring asks for it.</summary>
    private void Pump()
    {
        bool added = false;
        while (!_stopped && _queue is not null && _pending.Count > 0)
        {
            var result = TrySubmit(_pending.Peek());
            if (result == Submit.Stalled) break;
            _pending.Dequeue();
            if (result == Submit.Added) added = true;
        }
        if (added) KickIfNeeded();
        if (_pending.Count > 0 && _inFlight.Count == 0 && workload.Interarrival is null && !_stopped && !_reportedIdleStall)
        {
            _reportedIdleStall = true;
            ReportFinding("dma-map-stalled", $"{_pending.Count} requests wait for DMA mappings on '{platform.Mechanism}' with none in flight: nothing will free them", null);
        }
    }

    private Submit TrySubmit(int slot)
    {
        ref var s = ref _slots[slot];
        var data = s.IsRead ? DmaDirection.FromDevice : DmaDirection.ToDevice;
        var header = TryMap(layout.Header(slot), BlkLayout.HeaderSize, DmaDirection.ToDevice, out s.Header);
        if (header != DmaMapStatus.Mapped) return Failed(header);
        var payload = TryMap(layout.Data(slot), (uint)workload.RequestBytes, data, out s.Data);
        if (payload != DmaMapStatus.Mapped) return Failed(payload, s.Header);
        var status = TryMap(layout.Status(slot), BlkLayout.StatusSize, DmaDirection.FromDevice, out s.Status);
        if (status != DmaMapStatus.Mapped) return Failed(status, s.Header, s.Data);

        Spend(costs.AddChain);
        // The device sees DMA addresses only: header, then data (readable for a write, writable for a read), then status.
        Span<BufferSpec> chain =
        [
            new(s.Header.DmaAddress, BlkLayout.HeaderSize),
            new(s.Data.DmaAddress, (uint)workload.RequestBytes),
            new(s.Status.DmaAddress, BlkLayout.StatusSize),
        ];
        int readableCount = s.IsRead ? 1 : 2;
        ReadOnlySpan<BufferSpec> readable = chain[..readableCount], writable = chain[readableCount..];
        if (!_queue!.TryAdd(readable, writable, slot)) return Failed(null, s.Header, s.Data, s.Status);   // ring full: wait for a completion
        _inFlight.Add(slot);
        if (s.IsRead)
        {
            s.Verify = !_writesInFlight.ContainsKey(s.Sector) && _lastWrite.TryGetValue(s.Sector, out s.ExpectedTag) && s.ExpectedTag != Ambiguous;
        }
        else
        {
            // A device may reorder requests in flight: reads and writes of the same sector that overlap prove nothing.
            foreach (int other in _inFlight)
                if (_slots[other].IsRead && _slots[other].Sector == s.Sector) _slots[other].Verify = false;
            bool overlapping = _writesInFlight.TryGetValue(s.Sector, out int writes);
            _writesInFlight[s.Sector] = writes + 1;
            _lastWrite[s.Sector] = overlapping ? Ambiguous : s.Tag;
        }
        return Submit.Added;
    }

    private DmaMapStatus TryMap(ulong address, uint length, DmaDirection direction, out DmaBuffer buffer)
    {
        var result = platform.Map(address, length, direction);
        Spend(result.Cost);
        buffer = result.Buffer;
        if (result.Status == DmaMapStatus.Refused)
            ReportFinding("dma-map-refused", $"{platform.Mechanism}: {length} B at 0x{address:x} ({direction}): {result.Problem}", null);
        return result.Status;
    }

    /// <summary>Gives back what a request had mapped before it could not go on (<paramref name="status"/> null: the ring was full); a refusal stops the driver.</summary>
    private Submit Failed(DmaMapStatus? status, params ReadOnlySpan<DmaBuffer> mapped)
    {
        foreach (var buffer in mapped) Unmap(buffer);
        if (status == DmaMapStatus.Refused)
        {
            _stopped = true;
            return Submit.Refused;
        }
        if (status == DmaMapStatus.Exhausted) _mapStalls!.Increment();
        return Submit.Stalled;
    }

    private void Unmap(in DmaBuffer buffer)
    {
        var result = platform.Unmap(buffer);
        Spend(result.Cost);
        if (result.Status != DmaUnmapStatus.Unmapped)
            ReportFinding("dma-unmap-failed", $"{platform.Mechanism}: {buffer.Length} B at 0x{buffer.GuestAddress:x} (DMA 0x{buffer.DmaAddress:x}): {result.Status}: {result.Problem}", null);
    }

    private void KickIfNeeded()
    {
        if (!_queue!.KickNeeded()) return;
        _kicks!.Increment();
        _driver.Notify(0);
        var kick = platform.Kick(0);
        Spend(kick.SenderTime);
        Send(Backend, QueueKick.For(0), kick.Delivery);
    }

    private void OnInterrupt()
    {
        _interrupts!.Increment();
        Spend(platform.InterruptEntry);
        long before = _driver.Accesses;
        _driver.HandleInterrupt();
        Spend(platform.RegisterAccesses((int)(_driver.Accesses - before)));
        if (_queue is null) return;
        _queue.DisableInterrupts();
        do
        {
            while (_queue.TryReclaim(out long token, out uint written)) Complete((int)token, written);
        }
        while (!_queue.EnableInterrupts());
        if (workload.Interarrival is null) Refill();
        else Pump();
    }

    private void Complete(int slot, uint written)
    {
        Spend(costs.ReclaimChain);
        ref var s = ref _slots[slot];
        _inFlight.Remove(slot);
        Unmap(s.Header);
        Unmap(s.Data);
        Unmap(s.Status);
        Span<byte> status = stackalloc byte[BlkLayout.StatusSize];
        memory.Read(layout.Status(slot), status);
        string what = $"{(s.IsRead ? "read" : "write")} #{s.Tag} of sector {s.Sector}";
        if (status[0] != BlkLayout.StatusOk)
            ReportFinding("blk-request-failed", $"{what}: status {status[0]}", "virtio 1.2, 5.2.6");
        uint expected = (uint)((s.IsRead ? workload.RequestBytes : 0) + BlkLayout.StatusSize);
        if (written != expected)
            ReportFinding("blk-used-length", $"{what}: used length {written}, expected {expected}", "virtio 1.2, 2.7.8");
        if (!s.IsRead)
        {
            if (--_writesInFlight[s.Sector] == 0) _writesInFlight.Remove(s.Sector);
            if (status[0] != BlkLayout.StatusOk) _lastWrite[s.Sector] = Ambiguous;
            _writes!.Increment();
        }
        else
        {
            if (s.Verify && status[0] == BlkLayout.StatusOk) VerifyRead(slot, what);
            _reads!.Increment();
        }
        _latency!.Record(Now + Spent - s.IssuedAt);
        _requests!.Increment();
        _bytes!.Add(workload.RequestBytes);
        _free.Push(slot);
    }

    private void VerifyRead(int slot, string what)
    {
        ref var s = ref _slots[slot];
        memory.Read(layout.Data(slot), _data);
        BlkWorkload.Pattern(s.Sector, s.ExpectedTag, _expected);
        int at = _data.AsSpan().CommonPrefixLength(_expected);
        if (at == _data.Length) _verified!.Increment();
        else ReportFinding("blk-data-mismatch", $"{what}: byte {at} is 0x{_data[at]:x2}, write #{s.ExpectedTag} put 0x{_expected[at]:x2} there", "virtio 1.2, 5.2.6");
    }
}
