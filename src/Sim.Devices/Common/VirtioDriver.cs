using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Common;

/// <summary>
/// What every virtio driver shares, whatever the device, running on its guest vCPU (a <see cref="BusyResource"/>):
/// device initialisation through its transport's registers (virtio 1.2, 3.1.1; each access charged by the platform:
/// <see cref="TransportSession"/>), a fixed set of request slots filled as its <see cref="RequestArrivals"/> say (closed loop,
/// open loop, on demand or receive-only: a strategy the world builder chooses), the DMA API around every buffer (<see cref="IDriverPlatform.Map"/> before the chain is added,
/// <see cref="IDriverPlatform.Unmap"/> after it is reclaimed; a mapping the platform cannot give now leaves the
/// request pending until a completion frees resources), kicks when the ring asks for them (2.7.13), and the used-buffer
/// interrupt: acknowledge, reclaim with interrupts suppressed, re-enable and re-check (2.7.14). A device's driver says
/// only how it prepares, submits and completes one request.
/// A request's latency counts from when it arrived (closed loop and on demand: when the driver prepares it).
/// Requests travel on one queue (<see cref="RequestQueue"/>, 0 unless the device says otherwise: virtio-net's first
/// transmit queue is 1). A device with more queues (virtio-net's receive queues, virtio-scmi's event queue) sets
/// them all up with <see cref="StartTransport(ulong, ulong, IReadOnlyList{QueueSetup}, ulong, int)"/>, fills and
/// kicks them itself (<see cref="Queues"/>, <see cref="KickIfNeeded"/>) and reclaims them in <see cref="OnOtherQueues"/>,
/// which every interrupt calls after the request queue's reclaim (the interrupt line is the device's). A driver fed on demand
/// (<see cref="RequestArrivals.OnDemand"/>) takes requests with <see cref="SubmitOnDemand"/> (e.g. SCMI commands an agent hands to its channel).
/// Metrics: <c>requests</c>, <c>bytes</c> (payload moved), <c>latency</c>, <c>kicks</c>, <c>interrupts</c>,
/// <c>interruptsIgnored</c> (taken with no ring to look at: before initialisation or during a reset), <c>mapStalls</c>,
/// <c>kicksPerRequest</c>, <c>interruptsPerRequest</c>; and those of its <see cref="RequestArrivals"/> (open loop: <c>offered</c>,
/// <c>backlogged</c>, <c>backlog</c>).
/// </summary>
public abstract partial class VirtioDriver : BusyResource
{
    private sealed class Initialise { public static readonly Initialise Instance = new(); }

    private sealed class NextArrival { public static readonly NextArrival Instance = new(); }

    /// <summary>What became of one attempt to submit a request.</summary>
    protected enum Submit
    {
        /// <summary>The chain is in the ring.</summary>
        Added,
        /// <summary>Not now (a mapping was exhausted or the ring is full): retried after the next completion.</summary>
        Stalled,
        /// <summary>The platform refused a mapping: the driver stops.</summary>
        Refused,
    }

    private readonly TransportSession _session;
    private readonly RequestArrivals _arrivals;
    private readonly int _requestQueue;
    private readonly SimTime[] _preparedAt;
    private readonly Stack<int> _free;
    private readonly Queue<int> _pending = new();
    private readonly HashSet<int> _inFlight = new();
    private bool _stopped, _reportedIdleStall;
    private readonly ActorRef _backend;
    private readonly BackendLink _link;
    private readonly Counter _requests, _bytes, _kicks, _interrupts, _interruptsIgnored, _mapStalls;
    private readonly LatencyHistogram _latency;

    /// <summary>
    /// A driver of <paramref name="slots"/> request slots, filled as <paramref name="arrivals"/> say (an instance for this
    /// driver alone). <paramref name="wiring"/> ties it to its transport and backend: every notification the device
    /// accepts, every device reset and every queue stop reaches the backend.
    /// </summary>
    protected VirtioDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, RingCosts costs, int slots, RequestArrivals arrivals, int requestQueue = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestQueue);
        _requestQueue = requestQueue;
        Memory = memory ?? throw new ArgumentNullException(nameof(memory));
        ArgumentNullException.ThrowIfNull(wiring);
        _backend = wiring.Backend.IsNone ? throw new ArgumentException("a driver kicks a backend", nameof(wiring)) : wiring.Backend;
        Platform = platform ?? throw new ArgumentNullException(nameof(platform));
        _session = new TransportSession(wiring.Transport.Driver, platform, memory, Spend);
        Costs = costs ?? throw new ArgumentNullException(nameof(costs));
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _arrivals = arrivals ?? throw new ArgumentNullException(nameof(arrivals));
        _arrivals.Attach(this);
        _preparedAt = new SimTime[slots];
        _free = new Stack<int>(Enumerable.Range(0, slots).Reverse());
        _requests = NewCounter("requests");
        _bytes = NewCounter("bytes", "B");
        _kicks = NewCounter("kicks");
        _interrupts = NewCounter("interrupts");
        _interruptsIgnored = NewCounter("interruptsIgnored");
        _mapStalls = NewCounter("mapStalls");
        _arrivals.RegisterMetrics();
        _latency = NewLatencyHistogram("latency");
        NewRatio("kicksPerRequest", _kicks, _requests);
        NewRatio("interruptsPerRequest", _interrupts, _requests);
        _link = new BackendLink(wiring.Transport.Device, (message, delay) => Send(_backend, message, delay), () => _session.KickDelivery);
    }

    /// <summary>The features the device and driver agreed on (after initialisation).</summary>
    public ulong NegotiatedFeatures { get; private set; }

    /// <summary>The guest's memory, where the driver writes its rings and buffers.</summary>
    protected GuestMemory Memory { get; }

    /// <summary>The platform under the driver.</summary>
    protected IDriverPlatform Platform { get; }

    /// <summary>The virtqueue costs.</summary>
    protected RingCosts Costs { get; }

    /// <summary>How requests come to this driver's slots.</summary>
    protected RequestArrivals Arrivals => _arrivals;

    /// <summary>The index of the queue requests travel on.</summary>
    protected int RequestQueue => _requestQueue;

    /// <summary>The queue requests travel on, once initialised.</summary>
    protected IDriverQueue? Queue { get; private set; }

    /// <summary>Every queue set up, by index, once initialised (empty before).</summary>
    protected IReadOnlyList<IDriverQueue> Queues => _session.Queues;

    /// <summary>Whether a request slot is free now (for <see cref="SubmitOnDemand"/>).</summary>
    protected bool HasFreeSlot => _free.Count > 0;

    /// <summary>Slots whose chains are in the ring.</summary>
    protected IReadOnlySet<int> InFlight => _inFlight;

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        StartLifecycle();
        Send(Self, Initialise.Instance);
    }

    /// <inheritdoc />
    protected override void Serve(object message, ActorRef sender)
    {
        switch (message)
        {
            case Initialise:
                if (InitialiseDevice()) StartWorkload();
                break;
            case NextArrival: _arrivals.ArrivalDue(); break;
            case ResetDevice: BeginReset(); break;
            case TransportStopped: OnBackendStopped(); break;
            case UsedBufferInterrupt interrupt: OnInterrupt(interrupt.Vector); break;
            case DeviceNeedsReset: _link.NeedsReset(); break;
            default: OnMessage(message, sender); break;
        }
    }

    /// <summary>A message the base does not know (a device's own); what the device does not know either ends in <see cref="Actor.Unhandled"/> (the default).</summary>
    protected virtual void OnMessage(object message, ActorRef sender) => Unhandled(message);

    /// <summary>After every interrupt's reclaim of the request queue: reclaim the device's other queues (none by default).</summary>
    protected virtual void OnOtherQueues() { }

    /// <summary>Called once the device is initialised and before any request: post buffers on other queues.</summary>
    protected virtual void OnTransportReady() { }

    /// <summary>Brings the device up (see <see cref="StartTransport(ulong, ulong, QueueSetup, ulong, int)"/>); false when it could not be (a finding says why).</summary>
    protected abstract bool InitialiseDevice();

    /// <summary>Writes a new request for <paramref name="slot"/> into guest memory (not yet reachable by the device).</summary>
    protected abstract void Prepare(int slot);

    /// <summary>Maps <paramref name="slot"/>'s buffers and adds its chain (with <see cref="TryMap"/> and <see cref="AddChain"/>).</summary>
    protected abstract Submit TrySubmit(int slot);

    /// <summary>The device used <paramref name="slot"/>'s chain, writing <paramref name="written"/> bytes: unmap and check it.</summary>
    protected abstract void Complete(int slot, uint written);

    /// <summary>Called after every interrupt once slots were freed, with <see cref="RequestArrivals.OnDemand"/> only: submit what was kept back.</summary>
    protected virtual void OnSlotsFreed() { }

    /// <summary>Counts <paramref name="bytes"/> of payload a completed request moved.</summary>
    protected void CountBytes(long bytes) => _bytes.Add(bytes);

    /// <summary>Submits pending requests in order until one cannot be, then kicks if the ring asks for it.</summary>
    private void Pump()
    {
        bool added = false;
        while (!_stopped && !_resetting && Queue is not null && _pending.Count > 0)
        {
            var result = TrySubmit(_pending.Peek());
            if (result == Submit.Stalled) break;
            int slot = _pending.Dequeue();
            if (result == Submit.Added) added = true;
            else _free.Push(slot);
        }
        if (added) KickIfNeeded(_requestQueue);
    }

    /// <summary>
    /// Notifies the device of queue <paramref name="queue"/> if its ring asks for it (2.7.13): the driver writes the
    /// transport's notification register, a trap whose cost the vCPU spends; the backend hears of it only if the device
    /// accepted the write (<see cref="BackendLink"/>).
    /// </summary>
    protected void KickIfNeeded(int queue)
    {
        if (!Queues[queue].KickNeeded()) return;
        _kicks.Increment();
        _session.Kick(queue);
    }

    private void OnInterrupt(int vector)
    {
        _interrupts.Increment();
        // The acknowledge reaches the backend as of this turn's start, when the driver reads the rings: sent later, an
        // interrupt the device raised meanwhile would be merged with this one and its used buffers never looked at.
        _link.Acknowledged(vector);
        Spend(Platform.TakeInterrupt());
        _link.Delivered(vector);
        var taken = _session.Charged(t => t.TakeInterrupt(vector));
        if (Queue is null || _resetting)
        {
            // No ring to look at (not initialised, or a reset under way: what the device completed before it stopped is
            // reclaimed once it has).
            _interruptsIgnored.Increment();
            return;
        }
        if (taken.Concerns(_requestQueue))
        {
            var requests = new Requests(this);
            Queue.ReclaimUsed(ref requests);
        }
        if (taken.ConcernsOtherThan(_requestQueue)) OnOtherQueues();
        _arrivals.SlotsFreed();
    }

    private void Reclaim(int slot, uint written)
    {
        Spend(Costs.ReclaimChain);
        _inFlight.Remove(slot);
        Complete(slot, written);
        _latency.Record(Now + Spent - _preparedAt[slot]);
        _requests.Increment();
        _free.Push(slot);
    }

    /// <summary>What a reclaim does with each used request chain: <see cref="VirtioDriver.Reclaim(int, uint)"/> its slot.</summary>
    private readonly struct Requests(VirtioDriver driver) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => driver.Reclaim((int)token, written);
    }
}
