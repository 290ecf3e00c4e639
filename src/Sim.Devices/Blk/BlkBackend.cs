using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Interconnect.Bus;

namespace Sim.Devices.Blk;

/// <summary>
/// The virtio-blk device (virtio 1.2, 5.2) on its backend thread (a <see cref="BusyResource"/>), reaching guest memory
/// only through the platform's access path by the DMA addresses in the descriptors. Woken by a kick, it suppresses further
/// kicks and pops chains; for each it opens a platform request, lets <see cref="BlkDeviceLogic"/> move the data and write
/// the status (5.2.6), and hands the request to the backing store. A RAM-backed store (<see cref="BlkStorageTiming.CpuBound"/>)
/// is the backend thread's own work: its access time and its copy are spent on this thread, so throughput is bounded by
/// one core (with an interconnect, the bytes move as the bus transfer instead of a copy at memory speed). A device
/// serves <c>storageChannels</c> requests in parallel (the scenario's <see cref="BlkWorkload.StorageChannels"/>): their access times overlap, their transfers
/// share the device's one bandwidth. When the store is done it closes the platform request,
/// publishes the used element, interrupts the guest when the ring says so (coalesced while InterruptStatus is still
/// set), and re-checks the ring. Malformed requests that still have a status byte complete normally with IOERR / UNSUPP
/// (the guest's fault); a refused buffer or a broken queue rule becomes a finding and DEVICE_NEEDS_RESET.
/// With a <see cref="VirtioBackend.Bus"/> (a scenario with an interconnect), a request's data also crosses the bus: when
/// the store is done its data bytes go as one <see cref="BusTransfer"/> and the request completes at
/// <see cref="BusTransferDone"/> (the device's DMA; for a write it stands for the read from guest memory, which the
/// model moves after the store's time rather than before: the bytes and the bus share are the same).
/// Metrics: <c>kicks</c>, <c>requests</c> (completed), <c>errors</c> (malformed requests), <c>interrupts</c>,
/// <c>interruptsCoalesced</c>, <c>bytesRead</c> (read from the disk by IN requests), <c>bytesWritten</c> (written to the
/// disk by OUT requests), <c>inFlight</c> and <c>storageBusy</c> (busy channels) gauges.
/// </summary>
public sealed class BlkBackend : VirtioBackend
{
    /// <summary>The GET_ID answer when none is given.</summary>
    public const string DefaultSerial = "virtiosim-blk";

    /// <summary>The store finished request <see cref="Key"/>. Reused once delivered (one per request in flight, not one per request).</summary>
    private sealed class StorageDone
    {
        public long Key;
    }

    /// <summary>What completing a request needs; the popped <see cref="DescriptorChain"/> itself is reused for the next chain.</summary>
    private readonly record struct InFlightRequest(ushort Id, int DescriptorCount, uint UsedLength, long Token, bool UsesStorage, long DataBytes);

    private readonly DescriptorChain _chain = new();
    private readonly Stack<StorageDone> _spareDone = new();
    private readonly Dictionary<long, InFlightRequest> _inFlight = new();
    private readonly BlkStorage _storage;
    private readonly RingCosts _costs;
    private readonly string _serial;
    private readonly SimTime[] _channelFree;
    private readonly Counter _kicks, _requests, _errors, _bytesRead, _bytesWritten;
    private readonly TimeWeightedGauge _inFlightGauge, _storageBusy;
    private SimTime _mediaFree;
    private BlkDeviceLogic? _logic;
    private long _nextKey;
    private int _inStorage;

    /// <summary>
    /// A block device on <paramref name="platform"/> over <paramref name="storage"/>, serving at most
    /// <paramref name="storageChannels"/> requests at a time at <paramref name="costs"/>, answering GET_ID with
    /// <paramref name="serial"/>; tied to its transport and driver by <paramref name="wiring"/>.
    /// </summary>
    public BlkBackend(IBackendPlatform platform, BlkStorage storage, int storageChannels, RingCosts costs, BackendWiring wiring,
        string serial = DefaultSerial)
        : base(platform, wiring)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _serial = serial;
        _channelFree = new SimTime[storageChannels > 0 ? storageChannels : throw new ArgumentOutOfRangeException(nameof(storageChannels), storageChannels, "a device serves at least one request at a time")];
        _kicks = NewCounter("kicks");
        _requests = NewCounter("requests");
        _errors = NewCounter("errors");
        _bytesRead = NewCounter("bytesRead", "B");
        _bytesWritten = NewCounter("bytesWritten", "B");
        _inFlightGauge = NewGauge("inFlight");
        _storageBusy = NewGauge("storageBusy");
    }

    /// <summary>The disk.</summary>
    public BlkStorage Storage => _storage;

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case QueueKick kick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                var queue = QueueFor(kick.Queue);
                if (queue is not null && !queue.IsBroken) Drain(queue);
                break;
            case StorageDone done:
                long key = done.Key;
                _spareDone.Push(done);
                StoreDone(key);
                break;
            case BusTransferDone transfer:
                Complete(transfer.Id);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// A device reset: every request in flight is dropped, its per-request mappings released (its used element is never
    /// written; the driver counts it failed); a store operation still running finishes on the device unseen.
    /// </summary>
    protected override void OnDeviceReset() => DropInFlight();

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue) => DropInFlight();

    private void DropInFlight()
    {
        foreach (var key in _inFlight.Keys.Order()) Spend(Platform.EndRequest(_inFlight[key].Token));
        _inFlight.Clear();
        _inStorage = 0;
        _inFlightGauge.Set(Now, 0);
        _storageBusy.Set(Now, 0);
    }

    /// <inheritdoc />
    protected override void OnQueueReady() => _logic = new BlkDeviceLogic(_storage, Registers.NegotiatedFeatures, _serial);

    /// <summary>Pops every available chain with kicks suppressed, then re-enables kicks (re-checking for late chains).</summary>
    private void Drain(IDeviceQueue queue)
    {
        var requests = new Requests(this);
        queue.DrainAvailable(ref requests);
        Spend(Platform.TakeAccrued());
    }

    /// <summary>What a drain does with each popped chain: <see cref="Process"/> it, in the one reused chain object.</summary>
    private readonly struct Requests(BlkBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.Process(queue);
    }

    /// <summary>Serves one popped chain and hands it to the store; false if a buffer was refused (the queue is then broken).</summary>
    private bool Process(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        Spend(_costs.PopChain);
        uint used = _logic!.Serve(_chain, Platform.Memory, Random, out SimTime service, out BlkOutcome outcome);
        Spend(Platform.TakeAccrued());
        if (outcome.Error == BlkParseError.BufferRefused)
        {
            Spend(Platform.EndRequest(token));
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        if (outcome.Error != BlkParseError.None)
        {
            _errors.Increment();
            if (outcome.Status is null) ReportFinding("blk-no-status-byte", outcome.Problem, "virtio 1.2, 5.2.6");
        }
        else if (outcome.Request is { } request)
        {
            if (request.Type == BlkLayout.TypeIn) _bytesRead.Add(request.DataLength);
            else if (request.Type == BlkLayout.TypeOut) _bytesWritten.Add(request.DataLength);
        }

        bool usesStorage = outcome.Error == BlkParseError.None;
        SimTime done = usesStorage ? Store(outcome.Request!.Value, service) : Now + Spent;
        SimTime ready = Now + Spent;
        long key = ++_nextKey;
        long dataBytes = usesStorage && outcome.Request is { } moved ? moved.DataLength : 0;
        _inFlight.Add(key, new InFlightRequest(_chain.Id, _chain.DescriptorCount, used, token, usesStorage, dataBytes));
        _inFlightGauge.Set(Now, _inFlight.Count);
        var message = _spareDone.TryPop(out var spare) ? spare : new StorageDone();
        message.Key = key;
        Send(Self, message, done - ready);
        return true;
    }

    /// <summary>
    /// Hands a request of <paramref name="service"/> to the store and says when it is done. A RAM-backed store's access
    /// and copy are spent on this thread now (charged to its storage entries); a device's access overlaps on the freest
    /// channel and its transfer waits for the device's bandwidth.
    /// </summary>
    private SimTime Store(BlkRequest request, SimTime service)
    {
        SimTime transfer = _storage.TransferTime(request);
        SimTime access = service - transfer;
        var (accessKey, transferKey) = StorageKeys(request.Type);
        if (_storage.Timing.CpuBound)
        {
            Spend(new CostCharge(accessKey, 1, access));
            // With an interconnect the bytes' movement is the bus transfer that follows (at the bus's share), not a
            // second, separate copy at memory speed.
            if (transfer > SimTime.Zero && Bus is null) Spend(new CostCharge(transferKey, request.DataLength, transfer));
            return Now + Spent;
        }
        SimTime ready = Now + Spent;
        int channel = 0;
        for (int i = 1; i < _channelFree.Length; i++)
            if (_channelFree[i] < _channelFree[channel]) channel = i;
        SimTime accessed = SimTime.Max(ready, _channelFree[channel]) + access;
        SimTime done = SimTime.Max(accessed, _mediaFree) + transfer;
        _mediaFree = done;
        _channelFree[channel] = done;
        Delay(new CostCharge(accessKey, 1, access));
        if (transfer > SimTime.Zero) Delay(new CostCharge(transferKey, request.DataLength, transfer));
        _inStorage++;
        _storageBusy.Set(Now, Math.Min(_inStorage, _channelFree.Length));
        return done;
    }

    private static readonly CostKey ReadAccess = CostKey.Of("storage.readAccess"), WriteAccess = CostKey.Of("storage.writeAccess"),
        FlushAccess = CostKey.Of("storage.flush"), ReadBandwidth = CostKey.Of("storage.readBandwidth"), WriteBandwidth = CostKey.Of("storage.writeBandwidth");

    private static (CostKey Access, CostKey Transfer) StorageKeys(uint type) => type switch
    {
        BlkLayout.TypeIn or BlkLayout.TypeGetId => (ReadAccess, ReadBandwidth),
        BlkLayout.TypeFlush => (FlushAccess, WriteBandwidth),
        _ => (WriteAccess, WriteBandwidth),
    };

    /// <summary>The store finished request <paramref name="key"/>: its data crosses the bus if there is one, else it completes now.</summary>
    private void StoreDone(long key)
    {
        if (!_inFlight.TryGetValue(key, out var request)) return;   // dropped by a reset
        if (request.UsesStorage && !_storage.Timing.CpuBound)
        {
            _inStorage--;
            _storageBusy.Set(Now, Math.Min(_inStorage, _channelFree.Length));
        }
        if (Bus is { } bus && request.DataBytes > 0)
        {
            Send(bus.Bus, bus.Transfer(key, request.DataBytes, Self));
            return;
        }
        Complete(key);
    }

    private void Complete(long key)
    {
        if (!_inFlight.Remove(key, out var request)) return;
        _inFlightGauge.Set(Now, _inFlight.Count);
        Spend(Platform.EndRequest(request.Token));
        var queue = Queue;
        if (queue is null || queue.IsBroken) return;
        queue.PushUsed(request.Id, request.DescriptorCount, request.UsedLength);
        Spend(_costs.PushUsed);
        _requests.Increment();
        if (queue.InterruptNeeded()) Interrupt(queue);
        Drain(queue);
    }
}
