using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Actors;

/// <summary>
/// A CPU-like actor (a vCPU, a backend thread, a server) that serves one message at a time, first come first served.
/// <see cref="Serve"/> declares the work it does with <c>Spend</c>; messages it sends leave once the work spent so
/// far is done, and later arrivals wait. Queueing delay therefore emerges from the model, not from a formula.
/// Every picosecond of work is named: <see cref="Spend(in CostCharge)"/> charges this resource's <see cref="Ledger"/>, and
/// time a collaborator charged to the ledger on the resource's behalf (a platform, a sharing mechanism) is spent with
/// <see cref="Spend(SimTime)"/>. After each message the ledger's new busy time must equal the time spent: what no charge
/// named is recorded as <see cref="CostKey.Unattributed"/>, and a charge beyond what was spent is a model bug.
/// Records <c>wait</c> and <c>sojourn</c> histograms, <c>queue</c> and <c>utilization</c> gauges, a <c>served</c> counter
/// and the <c>costs</c> ledger. A resource that runs on a <see cref="SharedThread"/> (<see cref="RunOn"/>) serves a
/// message only while it holds that thread: it asks for it before each message and gives it back after, so its work and
/// that of the thread's other resources take turns; the wait for the thread counts in <c>wait</c>. A resource that runs on
/// a machine's cores (<see cref="RunOnCpu"/>) has its work scheduled with other threads' by <see cref="Processors.CpuCores"/>:
/// its sends leave when the work before them has run, and its <c>sojourn</c> includes the wait for a core.
/// </summary>
public abstract class BusyResource : Actor
{
    private readonly Queue<Arrival> _waiting = new();
    private bool _busy, _asking;
    private int _droppableWaiting;
    private ActorRef _thread;
    private CpuTurn? _turn;
    private Arrival _turnArrival;
    private Action<DeferredSend>? _release;
    private readonly LatencyHistogram _wait;
    private readonly LatencyHistogram _sojourn;
    private readonly TimeWeightedGauge _queue;
    private readonly TimeWeightedGauge _utilization;
    private readonly Counter _served;

    private readonly record struct Arrival(object Message, ActorRef Sender, SimTime ArrivedAt, bool FoundIdle);

    private sealed class ServiceDone
    {
        public static readonly ServiceDone Instance = new();
    }

    /// <summary>The work declared so far while serving the current message.</summary>
    protected SimTime Spent => new(_sendOffset);

    /// <summary>
    /// Whether the message being served found the resource idle when it arrived (nothing in service, nothing waiting):
    /// a thread that must be woken to serve it, as opposed to one already running that finds it on its way.
    /// </summary>
    protected bool FoundIdle { get; private set; }

    /// <summary>
    /// Where this resource's time is accounted (metric <c>PATH/costs</c>), created with the resource;
    /// the world builder hands it to collaborators that charge on this resource's behalf.
    /// </summary>
    public CostLedger Ledger { get; }

    /// <summary>A resource not yet added, with its statistics (registered under its path when it is added).</summary>
    protected BusyResource()
    {
        _wait = NewLatencyHistogram("wait");
        _sojourn = NewLatencyHistogram("sojourn");
        _queue = NewGauge("queue");
        _utilization = NewGauge("utilization");
        _served = NewCounter("served");
        Ledger = NewLedger();
    }

    /// <summary>
    /// Runs this resource's work on <paramref name="thread"/>, shared with the thread's other resources (set by the world
    /// builder before the run starts).
    /// </summary>
    public void RunOn(ActorRef thread)
    {
        if (thread.IsNone) throw new ArgumentException("a resource runs on a thread, not on none", nameof(thread));
        if (_turn is not null) throw new InvalidOperationException($"actor '{Id}' already runs on a CPU thread");
        _thread = thread;
    }

    /// <summary>
    /// Runs this resource's work as thread <paramref name="thread"/> of the cores <paramref name="cpus"/> (set by the world
    /// builder before the run). A turn first gets a core and keeps it, then serves (its reads and writes happen when the
    /// thread runs), then asks for its work in pieces cut at its sends (<see cref="CpuTurn"/>), each send leaving when the
    /// work before it has run. Without it the resource has a core of its own.
    /// </summary>
    public void RunOnCpu(ActorRef cpus, int thread)
    {
        if (cpus.IsNone) throw new ArgumentException("a resource runs on cores, not on none", nameof(cpus));
        if (!_thread.IsNone) throw new InvalidOperationException($"actor '{Id}' already runs on a shared thread");
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        _turn = new CpuTurn(cpus, thread);
        _release = send => Release(send);
    }

    /// <summary>
    /// How many messages the resource may lose (<see cref="IsDroppable"/>: frames on a wire, say) wait at most; one more
    /// arriving while that many wait is dropped (<see cref="OnOverflow"/>), as a tail-drop queue drops. Unbounded unless set.
    /// </summary>
    protected int DroppableLimit { get; set; } = int.MaxValue;

    /// <summary>Whether <paramref name="message"/> may be dropped when <see cref="DroppableLimit"/> of its kind wait; none by default.</summary>
    protected virtual bool IsDroppable(object message) => false;

    /// <summary>A droppable message arrived with the queue for its kind full and was dropped; count it.</summary>
    protected virtual void OnOverflow(object message) { }

    /// <summary>
    /// Whether <paramref name="message"/> is acted on the moment it arrives, even while the resource is busy or waiting for
    /// its thread (<see cref="ServeImmediately"/>): a control message the host handles synchronously, such as stopping a
    /// device, which must take effect before any message that arrives after it is served, and before the ones already
    /// waiting. None by default.
    /// </summary>
    protected virtual bool IsImmediate(object message) => false;

    /// <summary>
    /// Acts on an <see cref="IsImmediate"/> message at its arrival. Its <c>Spend</c>s are charged to the ledger and delay
    /// only the sends made here (the work overlaps whatever turn is under way); it does not start a turn.
    /// </summary>
    protected virtual void ServeImmediately(object message, ActorRef sender) =>
        throw new InvalidOperationException($"actor '{Id}' declared {message.GetType().Name} immediate but does not serve it");

    /// <summary>
    /// Serves one message: call <c>Spend</c> for the work it takes, and send the results. A message the resource does not
    /// know ends in <see cref="Actor.Unhandled"/> (every message is queued first, so it is rejected when its turn comes).
    /// </summary>
    protected abstract void Serve(object message, ActorRef sender);

    /// <summary>Declares <paramref name="charge"/>'s work and records it in the <see cref="Ledger"/>; sends made after this leave when the work is done.</summary>
    protected void Spend(in CostCharge charge)
    {
        Ledger.Busy(charge);
        Advance(charge.Time);
    }

    /// <summary>Declares <paramref name="count"/> operations of <paramref name="item"/>.</summary>
    protected void Spend(CostItem item, long count = 1) => Spend(item.Times(count));

    /// <summary>
    /// Declares <paramref name="cost"/> of work that a collaborator has already charged to this resource's
    /// <see cref="Ledger"/> (a platform's exit, a collaborator's own work); sends made after this leave when it is done.
    /// </summary>
    protected void Spend(SimTime cost) => Advance(cost);

    /// <summary>Records <paramref name="charge"/> as a delay this resource caused without being busy (a notification's flight, a device's latency).</summary>
    protected void Delay(in CostCharge charge) => Ledger.Delay(charge);

    private void Advance(SimTime cost)
    {
        if (cost.Picoseconds < 0) throw new ArgumentOutOfRangeException(nameof(cost), cost, $"actor '{Id}' declared a negative cost");
        _sendOffset = checked(_sendOffset + cost.Picoseconds);
    }

    /// <inheritdoc />
    protected sealed override void Receive(object message, ActorRef sender)
    {
        if (message is Processors.CpuWorkDone piece && _turn is not null && sender == _turn.Cpus)
        {
            switch (_turn.Answer(piece, _release!))
            {
                case CpuTurn.Step.Dispatched:
                    Run(_turnArrival);
                    break;
                case CpuTurn.Step.Done:
                    _sojourn.Record(Now - _turnArrival.ArrivedAt);
                    _served.Increment();
                    EndTurn();
                    break;
            }
            return;
        }
        if (ReferenceEquals(message, ServiceDone.Instance))
        {
            EndTurn();
            return;
        }
        if (message is ThreadGiven given && sender == _thread && !_thread.IsNone)
        {
            if (!_asking || _waiting.Count == 0) throw new InvalidOperationException($"actor '{Id}' was given its thread without asking for it");
            _asking = false;
            // A message that found this resource idle had to wake the thread only if the thread was idle too.
            BeginNext(foundIdle: _waiting.Peek().FoundIdle && given.WasIdle);
            return;
        }
        if (IsImmediate(message))
        {
            long turn = _sendOffset;
            _sendOffset = 0;
            ServeImmediately(message, sender);
            _sendOffset = turn;
            return;
        }
        var arrival = new Arrival(message, sender, Now, FoundIdle: !_busy && !_asking);
        if (_busy || _asking)
        {
            if (IsDroppable(message))
            {
                if (_droppableWaiting >= DroppableLimit)
                {
                    OnOverflow(message);
                    return;
                }
                _droppableWaiting++;
            }
            _waiting.Enqueue(arrival);
            _queue.Set(Now, _waiting.Count);
            return;
        }
        if (!_thread.IsNone)
        {
            if (IsDroppable(message)) _droppableWaiting++;
            _waiting.Enqueue(arrival);
            Ask();
            return;
        }
        Begin(arrival);
    }

    /// <summary>The turn's work is done: give back a shared thread, then serve (or ask for) the next message, or go idle.</summary>
    private void EndTurn()
    {
        _busy = false;
        if (!_thread.IsNone)
        {
            Send(_thread, ThreadRelease.Instance);
            if (_waiting.Count > 0) Ask();
            else _utilization.Set(Now, 0);
            return;
        }
        if (_waiting.Count > 0) BeginNext(foundIdle: null);
        else _utilization.Set(Now, 0);
    }

    private void Ask()
    {
        _asking = true;
        Send(_thread, ThreadRequest.Instance);
    }

    private void BeginNext(bool? foundIdle)
    {
        var next = _waiting.Dequeue();
        if (IsDroppable(next.Message)) _droppableWaiting--;
        _queue.Set(Now, _waiting.Count);
        Begin(foundIdle is { } idle ? next with { FoundIdle = idle } : next);
    }

    private void Begin(Arrival arrival)
    {
        _busy = true;
        _utilization.Set(Now, 1);
        _wait.Record(Now - arrival.ArrivedAt);
        if (_turn is not null)
        {
            // The turn's effects happen when the thread runs: first get a core (and keep it), then serve.
            _turnArrival = arrival;
            Send(_turn.Cpus, _turn.Dispatch());
            return;
        }
        Run(arrival);
    }

    private void Run(Arrival arrival)
    {
        _sendOffset = 0;
        FoundIdle = arrival.FoundIdle;
        var ledger = Ledger;
        SimTime charged = ledger.BusyTotal;
        SimTime cost;
        try
        {
            if (_turn is not null) _deferred = _turn.Collect();
            Serve(arrival.Message, arrival.Sender);
            _deferred = null;
            cost = Spent;
            SimTime unnamed = cost - (ledger.BusyTotal - charged);
            if (unnamed > SimTime.Zero) ledger.Busy(new CostCharge(CostKey.Unattributed, 1, unnamed));
            else if (unnamed < SimTime.Zero)
            {
                throw new InvalidOperationException(
                    $"actor '{Id}' was charged {ledger.BusyTotal - charged} of busy time while serving {arrival.Message.GetType().Name} but spent {cost}: a collaborator charged the wrong resource");
            }
        }
        catch (Exception ex) when (ex is not ActorFailedException)
        {
            // Named after the message being served, which may be a queued one, not the delivery that started its service.
            throw new ActorFailedException(Id.Path, Now, arrival.Message.GetType().Name, ex);
        }
        _sendOffset = 0;
        if (_turn is not null)
        {
            foreach (var work in _turn.Pieces(cost.Picoseconds)) Send(_turn.Cpus, work);
            return;
        }
        _sojourn.Record(Now + cost - arrival.ArrivedAt);
        _served.Increment();
        Send(Self, ServiceDone.Instance, cost);
    }
}
