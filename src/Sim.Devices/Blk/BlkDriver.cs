using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Blk;

/// <summary>
/// The virtio-blk guest driver (virtio 1.2, 5.2), a <see cref="VirtioDriver"/>. At time zero it initialises the device
/// (device ID <see cref="DeviceId"/>; VERSION_1, the ring options given, and VIRTIO_BLK_F_FLUSH if offered) and reads the
/// capacity, then issues requests of <see cref="BlkWorkload"/> as its <see cref="RequestArrivals"/> bring them: it writes the <c>virtio_blk_outhdr</c> (and for a write a
/// data pattern derived from sector and request number), maps header, data and status and puts their DMA addresses in
/// the chain (5.2.6). On completion it unmaps, checks the status and the used length, and verifies the data of reads of
/// sectors it wrote (all of them, or as the workload's <see cref="BlkVerification"/> says), comparing guest memory with
/// <see cref="BlkPattern"/> a few sectors at a time (it keeps no copy of a request's data). Every cost comes from the
/// platform, <see cref="RingCosts"/> or the guest's I/O stack per request (<see cref="BlkCosts.GuestRequest"/>). With <c>coherentHeaders</c> the headers and status bytes live in memory the
/// device reaches for its whole life (Linux <c>dma_alloc_coherent</c>, as an NVMe driver keeps its commands in the
/// submission queue): only the data buffer is mapped per request.
/// Metrics: those of <see cref="VirtioDriver"/> (<c>bytes</c>: data bytes read or written), and <c>reads</c>,
/// <c>writes</c>, <c>verifiedReads</c> (reads checked and found right), and when verification is not full
/// <c>unverifiedReads</c> (reads that could have been checked but were not chosen).
/// </summary>
public sealed class BlkDriver : VirtioDriver
{
    /// <summary>The virtio device ID of a block device (virtio 1.2, 5 "Device Types").</summary>
    public const uint DeviceId = 2;

    private const long Ambiguous = -1;
    private const byte StatusUnset = 0xFF;

    /// <summary>What a read's buffer holds before the device writes it: bytes the device does not write show up as a mismatch.</summary>
    private const byte Unwritten = 0xEE;

    /// <summary>
    /// One in-flight request: what was asked, what a read must return, and the three mappings. A read is checked when it
    /// can be (<c>Verify</c>: its sector's last write is known and none overlaps it) and the verification chose it (<c>Chosen</c>).
    /// </summary>
    private struct Slot
    {
        public ulong Sector;
        public bool IsRead, Verify, Chosen;
        public long Tag, ExpectedTag;
        public DmaBuffer Header, Data, Status;
    }

    private readonly ulong _ringFeatures;
    private readonly ushort _queueSize;
    private readonly BlkGuestLayout _layout;
    private readonly BlkWorkload _workload;
    private readonly CostItem _guestRequest;
    private readonly bool _coherentHeaders;
    private readonly Slot[] _slots;
    private readonly Dictionary<ulong, long> _lastWrite = new();
    private readonly Dictionary<ulong, int> _writesInFlight = new();
    private readonly BlkVerification _verification;
    private readonly Counter _reads, _writes, _verified;
    private readonly Counter? _unverified;
    private long _nextTag;

    /// <summary>
    /// A block driver in <paramref name="memory"/> on <paramref name="platform"/>, with a queue of
    /// <paramref name="queueSize"/> and its buffers at <paramref name="layout"/>, issuing <paramref name="workload"/>'s
    /// requests as <paramref name="arrivals"/> say at <paramref name="costs"/> and <paramref name="guestRequest"/> each;
    /// it offers <paramref name="ringFeatures"/>, and keeps headers and status bytes mapped for good when
    /// <paramref name="coherentHeaders"/>. <paramref name="wiring"/> ties it to its transport and backend.
    /// </summary>
    public BlkDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, ushort queueSize,
        BlkGuestLayout layout, BlkWorkload workload, RequestArrivals arrivals, RingCosts costs, CostItem guestRequest,
        bool coherentHeaders = false)
        : base(memory, wiring, platform, costs, workload.QueueDepth, arrivals)
    {
        _ringFeatures = ringFeatures;
        _queueSize = queueSize;
        _layout = layout;
        _workload = workload;
        _guestRequest = guestRequest;
        _coherentHeaders = coherentHeaders;
        _slots = new Slot[workload.QueueDepth];
        _verification = workload.Verification;
        _reads = NewCounter("reads");
        _writes = NewCounter("writes");
        _verified = NewCounter("verifiedReads");
        // Only a run that does not check every read says how many it skipped: a fully checked run's metrics stay as they were.
        if (!_verification.IsFull) _unverified = NewCounter("unverifiedReads");
    }

    /// <summary>The disk's capacity in sectors, as read from the configuration space (after initialisation).</summary>
    public ulong Capacity { get; private set; }

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(DeviceId, "block device")) return false;
        var setup = new QueueSetup(0, _queueSize, _layout.DescriptorArea, _layout.DriverArea, _layout.DeviceArea);
        if (!StartRings(_ringFeatures, BlkFeatures.Flush, 0, [setup], _layout.IndirectArea, _layout.MaxIndirectEntries))
            return false;
        Capacity = ReadConfig(config => config.ReadU64(BlkLayout.Config.Capacity));
        if (Capacity < _workload.SectorSpan)
        {
            ReportFinding("blk-capacity-too-small", $"the disk has {Capacity} sectors, the _workload spans {_workload.SectorSpan}", "virtio 1.2, 5.2.4");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Draws a request for <paramref name="slot"/>, spends the guest I/O stack's work for it (<c>guest.blk.request</c>), and
    /// writes its header (and a write's data) into guest memory.
    /// </summary>
    protected override void Prepare(int slot)
    {
        Spend(_guestRequest);
        ref var s = ref _slots[slot];
        s.Sector = Random.NextUInt64(_workload.Positions) * _workload.SectorsPerRequest;
        s.IsRead = Random.NextDouble() < _workload.ReadFraction;
        s.Tag = ++_nextTag;
        Span<byte> header = stackalloc byte[BlkLayout.HeaderSize];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header[BlkLayout.HeaderTypeOffset..], s.IsRead ? BlkLayout.TypeIn : BlkLayout.TypeOut);
        BinaryPrimitives.WriteUInt64LittleEndian(header[BlkLayout.HeaderSectorOffset..], s.Sector);
        Memory.Write(_layout.Header(slot), header);
        Memory.Write(_layout.Status(slot), [StatusUnset]);
        if (s.IsRead)
        {
            // The marker only serves the check: a read that will not be checked leaves its buffer as it is.
            s.Chosen = _verification.Checks(s.Sector, s.Tag);
            if (s.Chosen) Memory.Fill(_layout.Data(slot), (ulong)_workload.RequestBytes, Unwritten);
            return;
        }
        BlkPattern.Write(Memory, _layout.Data(slot), s.Sector, s.Tag, _workload.RequestBytes);
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        ref var s = ref _slots[slot];
        var data = s.IsRead ? DmaDirection.FromDevice : DmaDirection.ToDevice;
        if (_coherentHeaders)
        {
            s.Header = Coherent(_layout.Header(slot), BlkLayout.HeaderSize, DmaDirection.ToDevice);
            s.Status = Coherent(_layout.Status(slot), BlkLayout.StatusSize, DmaDirection.FromDevice);
            var only = TryMap(_layout.Data(slot), (uint)_workload.RequestBytes, data, out s.Data);
            if (only != DmaMapStatus.Mapped) return Failed(only);
        }
        else
        {
            var header = TryMap(_layout.Header(slot), BlkLayout.HeaderSize, DmaDirection.ToDevice, out s.Header);
            if (header != DmaMapStatus.Mapped) return Failed(header);
            var payload = TryMap(_layout.Data(slot), (uint)_workload.RequestBytes, data, out s.Data);
            if (payload != DmaMapStatus.Mapped) return Failed(payload, s.Header);
            var status = TryMap(_layout.Status(slot), BlkLayout.StatusSize, DmaDirection.FromDevice, out s.Status);
            if (status != DmaMapStatus.Mapped) return Failed(status, s.Header, s.Data);
        }

        // The device sees DMA addresses only: header, then data (readable for a write, writable for a read), then status.
        Span<BufferSpec> chain =
        [
            new(s.Header.DmaAddress, BlkLayout.HeaderSize),
            new(s.Data.DmaAddress, (uint)_workload.RequestBytes),
            new(s.Status.DmaAddress, BlkLayout.StatusSize),
        ];
        int readableCount = s.IsRead ? 1 : 2;
        var added = _coherentHeaders
            ? AddChain(slot, chain[..readableCount], chain[readableCount..], s.Data)
            : AddChain(slot, chain[..readableCount], chain[readableCount..], s.Header, s.Data, s.Status);
        if (added != Submit.Added) return added;   // ring full: wait for a completion
        if (s.IsRead)
        {
            s.Verify = !_writesInFlight.ContainsKey(s.Sector) && _lastWrite.TryGetValue(s.Sector, out s.ExpectedTag) && s.ExpectedTag != Ambiguous;
        }
        else
        {
            // A device may reorder requests in flight: reads and writes of the same sector that overlap prove nothing.
            foreach (int other in InFlight)
                if (other != slot && _slots[other].IsRead && _slots[other].Sector == s.Sector) _slots[other].Verify = false;
            bool overlapping = _writesInFlight.TryGetValue(s.Sector, out int writes);
            _writesInFlight[s.Sector] = writes + 1;
            _lastWrite[s.Sector] = overlapping ? Ambiguous : s.Tag;
        }
        return Submit.Added;
    }

    /// <summary>A buffer in the coherent control area: the device reaches it at its guest-physical address, nothing to map.</summary>
    private static DmaBuffer Coherent(ulong address, uint length, DmaDirection direction) => new(address, length, direction, address, 0);

    /// <inheritdoc />
    protected override bool SupportsReset => true;

    /// <summary>
    /// A reset took <paramref name="slot"/>'s request back unanswered: its buffers are unmapped, and a write may or may not
    /// have reached the disk, so its sector's content is no longer known (reads of it are not verified until it is written again).
    /// </summary>
    protected override void Abandon(int slot)
    {
        ref var s = ref _slots[slot];
        if (!_coherentHeaders) Unmap(s.Header);
        Unmap(s.Data);
        if (!_coherentHeaders) Unmap(s.Status);
        if (s.IsRead) return;
        if (--_writesInFlight[s.Sector] == 0) _writesInFlight.Remove(s.Sector);
        _lastWrite[s.Sector] = Ambiguous;
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        ref var s = ref _slots[slot];
        if (!_coherentHeaders) Unmap(s.Header);
        Unmap(s.Data);
        if (!_coherentHeaders) Unmap(s.Status);
        Span<byte> status = stackalloc byte[BlkLayout.StatusSize];
        Memory.Read(_layout.Status(slot), status);
        if (status[0] != BlkLayout.StatusOk)
            ReportFinding("blk-request-failed", $"{What(slot)}: status {status[0]}", "virtio 1.2, 5.2.6");
        uint expected = (uint)((s.IsRead ? _workload.RequestBytes : 0) + BlkLayout.StatusSize);
        if (written != expected)
            ReportFinding("blk-used-length", $"{What(slot)}: used length {written}, expected {expected}", "virtio 1.2, 2.7.8");
        if (!s.IsRead)
        {
            if (--_writesInFlight[s.Sector] == 0) _writesInFlight.Remove(s.Sector);
            if (status[0] != BlkLayout.StatusOk) _lastWrite[s.Sector] = Ambiguous;
            _writes.Increment();
        }
        else
        {
            if (s.Verify && status[0] == BlkLayout.StatusOk)
            {
                if (s.Chosen) VerifyRead(slot);
                else _unverified!.Increment();
            }
            _reads.Increment();
        }
        CountBytes(_workload.RequestBytes);
    }

    /// <summary>The request in <paramref name="slot"/>, for a finding (built only when one is reported).</summary>
    private string What(int slot) => $"{(_slots[slot].IsRead ? "read" : "write")} #{_slots[slot].Tag} of sector {_slots[slot].Sector}";

    /// <summary>Compares the read's data in guest memory with what write <c>ExpectedTag</c> put there, up to the first difference.</summary>
    private void VerifyRead(int slot)
    {
        ref var s = ref _slots[slot];
        if (BlkPattern.Check(Memory, _layout.Data(slot), s.Sector, s.ExpectedTag, _workload.RequestBytes) is not { } wrong)
        {
            _verified.Increment();
            return;
        }
        ReportFinding("blk-data-mismatch", $"{What(slot)}: byte {wrong.Offset} is 0x{wrong.Found:x2}, write #{s.ExpectedTag} put 0x{wrong.Expected:x2} there", "virtio 1.2, 5.2.6");
    }
}
